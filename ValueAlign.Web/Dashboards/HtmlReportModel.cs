using ValueAlign.Core.Dashboards;
using ValueAlign.Core.Evaluation.Reports;

namespace ValueAlign.Web.Dashboards;

/// <summary>What a standalone HTML page shows: a title, and panels of charts, metrics and tables.</summary>
public sealed record HtmlReportModel(string Title, string? Description, IReadOnlyList<HtmlPanel> Panels, DateTime GeneratedAtUtc)
{
    public static HtmlReportModel FromDashboard(DashboardContent content, DateTime generatedAtUtc) => new(
        content.Dashboard.Name,
        content.Dashboard.Description,
        content.Panels.Select(p => new HtmlPanel(p.Title, p.Run, p.Chart, p.IsMetrics ? p.Metrics : [], [], p.Problem)).ToList(),
        generatedAtUtc);

    /// <summary>A run's whole report: its metrics, then each chart, then each table.</summary>
    public static HtmlReportModel FromRun(LoadedRun run, DateTime generatedAtUtc)
    {
        var panels = new List<HtmlPanel>();
        if (run.Report is null)
        {
            panels.Add(new HtmlPanel("Report", run.Header, null, [], [], run.Problem));
        }
        else
        {
            if (run.Report.Metrics.Count > 0)
                panels.Add(new HtmlPanel("Metrics", run.Header, null, run.Report.Metrics, [], null));
            panels.AddRange(run.Report.Charts.Select(c => new HtmlPanel(c.Title, run.Header, c, [], [], null)));
            if (run.Report.Tables.Count > 0)
                panels.Add(new HtmlPanel("Tables", run.Header, null, [], run.Report.Tables, null));
        }
        var title = $"Run {run.Header.Label} · {run.Header.Method}";
        return new HtmlReportModel(title, $"Model {run.Header.ModelLine}, parameters {run.Header.ParametersJson}, seed {run.Header.Seed}", panels, generatedAtUtc);
    }
}

public sealed record HtmlPanel(string Title, RunHeader? Run, ReportChart? Chart, IReadOnlyList<ReportMetric> Metrics, IReadOnlyList<ReportTable> Tables, string? Problem);
