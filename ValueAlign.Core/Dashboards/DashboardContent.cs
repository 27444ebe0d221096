using ValueAlign.Core.Evaluation.Reports;

namespace ValueAlign.Core.Dashboards;

/// <summary>A dashboard with each panel resolved against its run's report, ready to draw.</summary>
public sealed record DashboardContent(Dashboard Dashboard, IReadOnlyList<PanelContent> Panels);

/// <summary>
/// One resolved panel: a chart, or the run's metrics (<see cref="IsMetrics"/>). <see cref="Problem"/>
/// explains a panel that cannot be drawn (run deleted, no report, chart id not in the report).
/// </summary>
public sealed record PanelContent(DashboardPanel Panel, RunHeader? Run, ReportChart? Chart, IReadOnlyList<ReportMetric> Metrics, string? Problem)
{
    public bool IsMetrics => Panel.ChartId == DashboardPanel.MetricsPanel;

    public string Title => Panel.Title is { Length: > 0 } t ? t : IsMetrics ? "Metrics" : Chart?.Title ?? Panel.ChartId;
}
