using Ganss.Xss;
using Markdig;

namespace ValueAlign.Core.Annotation.Guidelines;

/// <summary>
/// Renders a project's Markdown guidelines to HTML that is safe to inject into a page: Markdig
/// (CommonMark plus pipe tables and task lists) followed by HtmlSanitizer, so raw HTML a curator
/// pastes cannot run script in an annotator's browser. Links open in a new tab.
/// </summary>
public sealed class GuidelinesRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    private readonly HtmlSanitizer _sanitizer;

    public GuidelinesRenderer()
    {
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.Add("https");
        _sanitizer.AllowedSchemes.Add("http");
        _sanitizer.AllowedSchemes.Add("mailto");
        _sanitizer.AllowedAttributes.Add("target");
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement anchor)
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
