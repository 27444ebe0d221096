using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Dashboards;

/// <summary>
/// Dashboards: create, compose panels from runs' charts, share read-only links and resolve them.
/// Role checks belong to the callers (pages and endpoints); this service enforces consistency.
/// </summary>
public sealed class DashboardService(IDbContextFactory<ValueAlignDbContext> factory, RunReportReader reports, TimeProvider clock)
{
    public const int MaxNameLength = 200;

    public async Task<Dashboard> CreateAsync(string name, string description, string owner, CancellationToken cancellationToken = default)
    {
        var dashboard = new Dashboard
        {
            Name = ValidName(name),
            Description = (description ?? "").Trim(),
            Owner = owner,
            CreatedAt = Now,
        };
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Dashboards.Add(dashboard);
        await db.SaveChangesAsync(cancellationToken);
        return dashboard;
    }

    public async Task UpdateAsync(long dashboardId, string name, string description, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var dashboard = await Find(db, dashboardId, cancellationToken);
        dashboard.Name = ValidName(name);
        dashboard.Description = (description ?? "").Trim();
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(long dashboardId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Dashboards.Remove(await Find(db, dashboardId, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DashboardSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Dashboards.AsNoTracking().OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Select(d => new DashboardSummary(d.Id, d.Name, d.Description, d.Owner, d.CreatedAt, d.Panels.Count,
                db.DashboardShares.Count(s => s.DashboardId == d.Id && s.RevokedAt == null && (s.ExpiresAt == null || s.ExpiresAt > now))))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The dashboard with its panels in order, or null.</summary>
    public async Task<Dashboard?> GetAsync(long dashboardId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var dashboard = await db.Dashboards.AsNoTracking().Include(d => d.Panels).FirstOrDefaultAsync(d => d.Id == dashboardId, cancellationToken);
        dashboard?.Panels.Sort((a, b) => a.Order.CompareTo(b.Order));
        return dashboard;
    }

    /// <summary>Appends a panel; the run must exist and its report must contain the chart (or <c>metrics</c>).</summary>
    public async Task<DashboardPanel> AddPanelAsync(long dashboardId, long runId, string chartId, string? title = null, CancellationToken cancellationToken = default)
    {
        var run = await reports.ReadAsync(runId, cancellationToken) ?? throw new DashboardException($"Run {runId} does not exist.");
        if (run.Report is null)
        {
            throw new DashboardException($"Run {runId} cannot be added: {run.Problem}");
        }
        if (chartId != DashboardPanel.MetricsPanel && run.Report.Chart(chartId) is null)
        {
            throw new DashboardException($"Run {runId} has no chart '{chartId}'. Its charts: {string.Join(", ", run.Report.Charts.Select(c => c.Id))}.");
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await Find(db, dashboardId, cancellationToken);
        var next = await db.DashboardPanels.Where(p => p.DashboardId == dashboardId).Select(p => (int?)p.Order).MaxAsync(cancellationToken) ?? -1;
        var panel = new DashboardPanel
        {
            DashboardId = dashboardId,
            RunId = runId,
            ChartId = chartId,
            Order = next + 1,
            Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim(),
        };
        db.DashboardPanels.Add(panel);
        await db.SaveChangesAsync(cancellationToken);
        return panel;
    }

    public async Task RemovePanelAsync(long dashboardId, long panelId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var panels = await Panels(db, dashboardId, cancellationToken);
        var panel = panels.FirstOrDefault(p => p.Id == panelId) ?? throw new DashboardException($"Panel {panelId} is not on dashboard {dashboardId}.");
        db.DashboardPanels.Remove(panel);
        Renumber(panels.Where(p => p.Id != panelId));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Puts the panels in the given order; <paramref name="panelIds"/> must list each panel of the dashboard once.</summary>
    public async Task ReorderAsync(long dashboardId, IReadOnlyList<long> panelIds, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var panels = await Panels(db, dashboardId, cancellationToken);
        if (panelIds.Count != panels.Count || panelIds.Distinct().Count() != panelIds.Count || panelIds.Any(id => panels.All(p => p.Id != id)))
        {
            throw new DashboardException("The new order must list every panel of the dashboard exactly once.");
        }
        Renumber(panelIds.Select(id => panels.First(p => p.Id == id)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Moves a panel by <paramref name="offset"/> places (negative: earlier), clamped to the ends.</summary>
    public async Task MovePanelAsync(long dashboardId, long panelId, int offset, CancellationToken cancellationToken = default)
    {
        var dashboard = await GetAsync(dashboardId, cancellationToken) ?? throw NotFound(dashboardId);
        var ids = dashboard.Panels.Select(p => p.Id).ToList();
        var from = ids.IndexOf(panelId);
        if (from < 0)
        {
            throw new DashboardException($"Panel {panelId} is not on dashboard {dashboardId}.");
        }
        var to = Math.Clamp(from + offset, 0, ids.Count - 1);
        ids.RemoveAt(from);
        ids.Insert(to, panelId);
        await ReorderAsync(dashboardId, ids, cancellationToken);
    }

    /// <summary>Creates a read-only link. The returned token is the only copy: only its hash is stored.</summary>
    public async Task<ShareLink> ShareAsync(long dashboardId, string createdBy, DateTime? expiresAtUtc = null, CancellationToken cancellationToken = default)
    {
        var now = Now;
        if (expiresAtUtc is { } expiry && expiry.ToUniversalTime() <= now)
        {
            throw new DashboardException("The expiry must be in the future.");
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await Find(db, dashboardId, cancellationToken);
        var token = ShareTokens.Create();
        var share = new DashboardShare
        {
            DashboardId = dashboardId,
            TokenHash = ShareTokens.Hash(token),
            CreatedBy = createdBy,
            CreatedAt = now,
            ExpiresAt = expiresAtUtc?.ToUniversalTime(),
        };
        db.DashboardShares.Add(share);
        await db.SaveChangesAsync(cancellationToken);
        return new ShareLink(share.Id, token, share.ExpiresAt);
    }

    public async Task RevokeAsync(long dashboardId, long shareId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var share = await db.DashboardShares.FirstOrDefaultAsync(s => s.Id == shareId && s.DashboardId == dashboardId, cancellationToken)
            ?? throw new DashboardException($"Link {shareId} does not belong to dashboard {dashboardId}.");
        share.RevokedAt ??= Now;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>All links of a dashboard (active, expired and revoked), newest first.</summary>
    public async Task<IReadOnlyList<DashboardShare>> ListSharesAsync(long dashboardId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.DashboardShares.AsNoTracking().Where(s => s.DashboardId == dashboardId)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The dashboard a link token opens, or null for a malformed, unknown, revoked or expired token.</summary>
    public async Task<Dashboard?> ResolveAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!ShareTokens.IsWellFormed(token))
        {
            return null;
        }
        var hash = ShareTokens.Hash(token!);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var share = await db.DashboardShares.AsNoTracking().FirstOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
        if (share is null || !ShareTokens.Matches(share.TokenHash, token!) || !share.IsActiveAt(Now))
        {
            return null;
        }
        return await GetAsync(share.DashboardId, cancellationToken);
    }

    /// <summary>The dashboard with every panel resolved against its run's report, or null when it does not exist.</summary>
    public async Task<DashboardContent?> LoadContentAsync(long dashboardId, CancellationToken cancellationToken = default)
    {
        var dashboard = await GetAsync(dashboardId, cancellationToken);
        return dashboard is null ? null : await ResolvePanelsAsync(dashboard, cancellationToken);
    }

    public async Task<DashboardContent> ResolvePanelsAsync(Dashboard dashboard, CancellationToken cancellationToken = default)
    {
        var runs = (await reports.ReadAsync(dashboard.Panels.Select(p => p.RunId).ToList(), cancellationToken)).ToDictionary(r => r.Header.Id);
        var panels = dashboard.Panels.OrderBy(p => p.Order).Select(panel =>
        {
            if (!runs.TryGetValue(panel.RunId, out var run))
            {
                return new PanelContent(panel, null, null, [], $"Run {panel.RunId} no longer exists.");
            }
            if (run.Report is null)
            {
                return new PanelContent(panel, run.Header, null, [], run.Problem);
            }
            if (panel.ChartId == DashboardPanel.MetricsPanel)
            {
                return new PanelContent(panel, run.Header, null, run.Report.Metrics, null);
            }
            var chart = run.Report.Chart(panel.ChartId);
            return new PanelContent(panel, run.Header, chart, [], chart is null ? $"Run {panel.RunId}'s report has no chart '{panel.ChartId}'." : null);
        }).ToList();
        return new DashboardContent(dashboard, panels);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string ValidName(string name)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0)
        {
            throw new DashboardException("A dashboard needs a name.");
        }
        if (trimmed.Length > MaxNameLength)
        {
            throw new DashboardException($"The name is longer than {MaxNameLength} characters.");
        }
        return trimmed;
    }

    private static async Task<Dashboard> Find(ValueAlignDbContext db, long dashboardId, CancellationToken cancellationToken) =>
        await db.Dashboards.FirstOrDefaultAsync(d => d.Id == dashboardId, cancellationToken) ?? throw NotFound(dashboardId);

    private static async Task<List<DashboardPanel>> Panels(ValueAlignDbContext db, long dashboardId, CancellationToken cancellationToken)
    {
        await Find(db, dashboardId, cancellationToken);
        return await db.DashboardPanels.Where(p => p.DashboardId == dashboardId).OrderBy(p => p.Order).ThenBy(p => p.Id).ToListAsync(cancellationToken);
    }

    private static void Renumber(IEnumerable<DashboardPanel> panels)
    {
        var order = 0;
        foreach (var panel in panels)
        {
            panel.Order = order++;
        }
    }

    private static DashboardException NotFound(long dashboardId) => new($"Dashboard {dashboardId} does not exist.");
}
