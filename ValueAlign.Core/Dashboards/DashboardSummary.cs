namespace ValueAlign.Core.Dashboards;

/// <summary>A row of the dashboards list.</summary>
public sealed record DashboardSummary(long Id, string Name, string Description, string Owner, DateTime CreatedAt, int PanelCount, int ActiveLinks);
