namespace ValueAlign.Core.Dashboards;

/// <summary>
/// One tile of a dashboard: a chart of a run's report by its id, or the run's headline metrics
/// (<see cref="MetricsPanel"/>). Panels refer to runs by id and resolve the chart from the stored
/// report when drawn, so a dashboard always shows what the run computed.
/// </summary>
public sealed class DashboardPanel
{
    /// <summary>The <see cref="ChartId"/> that stands for the run's metrics table instead of a chart.</summary>
    public const string MetricsPanel = "metrics";

    public long Id { get; set; }

    public long DashboardId { get; set; }

    public long RunId { get; set; }

    public string ChartId { get; set; } = MetricsPanel;

    /// <summary>Zero-based position; panels are drawn in this order.</summary>
    public int Order { get; set; }

    /// <summary>Replaces the chart's own title when set.</summary>
    public string? Title { get; set; }
}
