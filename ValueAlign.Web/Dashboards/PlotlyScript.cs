namespace ValueAlign.Web.Dashboards;

/// <summary>How a standalone page gets plotly.js: inline (offline export) or from the app's static path (shared view).</summary>
public abstract record PlotlyScript
{
    public sealed record Inline(string Source) : PlotlyScript;

    public sealed record Link(string Path) : PlotlyScript;
}
