namespace ValueAlign.Web.Components.Reports;

/// <summary>
/// plotly.js renders a small HTML subset (including links) inside titles, names and tick labels.
/// Report text comes from datasets and users, so it is passed as entities that plotly shows literally.
/// </summary>
public static class PlotlyText
{
    public static string Escape(string? text) =>
        (text ?? "").Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
