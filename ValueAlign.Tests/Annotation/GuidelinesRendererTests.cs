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
