namespace ValueAlign.Core.Dashboards;

/// <summary>A named page of charts taken from one or more runs' reports.</summary>
public sealed class Dashboard
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>User name (email) of the creator.</summary>
    public string Owner { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public List<DashboardPanel> Panels { get; set; } = [];
}
