using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;

namespace ValueAlign.Core.Annotation.Guidelines;

/// <summary>
/// Renders a project's Markdown guidelines to HTML that is safe to inject into a page: Markdig
/// (CommonMark plus pipe tables and emphasis extras) followed by HtmlSanitizer with an explicit
/// allowlist. Only text structure survives: no forms, inputs, buttons, frames, media players,
/// classes or ids (app styles could position them over the page), and no style but table cell
/// alignment, so pasted HTML can neither run script nor overlay the annotation controls.
/// Links (http, https, mailto) open in a new tab without opener.
/// </summary>
public sealed class GuidelinesRenderer
{
    /// <summary>Every tag the output may contain.</summary>
    public static readonly IReadOnlySet<string> AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "del", "ins", "mark",
        "sub", "sup", "small", "code", "pre", "kbd", "samp", "blockquote", "q", "abbr", "ul", "ol", "li", "dl", "dt", "dd",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "a", "img", "span", "div", "figure", "figcaption",
    };

    /// <summary>Every attribute the output may contain (on any allowed tag).</summary>
    public static readonly IReadOnlySet<string> AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "href", "title", "alt", "src", "colspan", "rowspan", "start", "reversed", "style", "target", "rel",
    };

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    private readonly HtmlSanitizer _sanitizer;

    public GuidelinesRenderer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(AllowedTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(AllowedAttributes, StringComparer.OrdinalIgnoreCase),
            // Pipe tables align cells with style="text-align: …"; nothing else of CSS is kept.
            AllowedCssProperties = new HashSet<string>(["text-align"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedClasses = new HashSet<string>(),
            AllowCssCustomProperties = false,
            AllowDataAttributes = false,
        };
        _sanitizer = new HtmlSanitizer(options);
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IHtmlAnchorElement anchor)
            {
                anchor.SetAttribute("target", "_blank");
                anchor.SetAttribute("rel", "noopener noreferrer");
            }
        };
    }

    /// <summary>Sanitised HTML for <paramref name="markdown"/>; empty input gives an empty string.</summary>
    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
            return "";
        var html = Markdown.ToHtml(markdown, Pipeline);
        return _sanitizer.Sanitize(html);
    }
}
