using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Dashboards;

namespace ValueAlign.Tests.Dashboards;

public sealed class DashboardServiceTests : IAsyncLifetime
{
    private DashboardDatabase _db = default!;

    public async Task InitializeAsync() => _db = await DashboardDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<Dashboard> DashboardWithPanelAsync()
    {
        var run = await SampleRuns.InsertAsync(_db.Factory, "run A");
        var dashboard = await _db.Service.CreateAsync("Culture", "Accuracy by country", "curator@example.org");
        await _db.Service.AddPanelAsync(dashboard.Id, run.Id, "acc-country");
        return dashboard;
    }

    [Fact]
    public async Task A_share_token_round_trips_to_its_dashboard_and_only_its_hash_is_stored()
    {
        var dashboard = await DashboardWithPanelAsync();

        var link = await _db.Service.ShareAsync(dashboard.Id, "curator@example.org");

        Assert.Equal(43, link.Token.Length); // 32 bytes, base64url without padding
        Assert.Matches("^[A-Za-z0-9_-]{43}$", link.Token);
        Assert.Equal("/shared/" + link.Token, link.RelativeUrl);
        Assert.Equal(dashboard.Id, (await _db.Service.ResolveAsync(link.Token))?.Id);

        await using var db = await _db.Factory.CreateDbContextAsync();
        var stored = await db.DashboardShares.SingleAsync();
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(link.Token)), stored.TokenHash);
        // The token text appears nowhere in the row.
        Assert.DoesNotContain(link.Token, System.Text.Encoding.ASCII.GetString(stored.TokenHash));
        Assert.DoesNotContain(link.Token, stored.CreatedBy);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_db.FilePath)!, "dashboards.db*"))
        {
            Assert.DoesNotContain(link.Token, System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(file)));
        }
    }

    [Fact]
    public async Task Two_links_get_different_tokens()
    {
        var dashboard = await DashboardWithPanelAsync();
        var first = await _db.Service.ShareAsync(dashboard.Id, "a");
        var second = await _db.Service.ShareAsync(dashboard.Id, "a");
        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(2, (await _db.Service.ListSharesAsync(dashboard.Id)).Count);
    }

    [Fact]
    public async Task Unknown_malformed_and_empty_tokens_resolve_to_nothing()
    {
        var dashboard = await DashboardWithPanelAsync();
        var link = await _db.Service.ShareAsync(dashboard.Id, "curator@example.org");
        var flipped = (link.Token[0] == 'A' ? 'B' : 'A') + link.Token[1..];

        Assert.Null(await _db.Service.ResolveAsync(flipped));
        Assert.Null(await _db.Service.ResolveAsync(link.Token[..42]));
        Assert.Null(await _db.Service.ResolveAsync(link.Token + "A"));
        Assert.Null(await _db.Service.ResolveAsync(""));
        Assert.Null(await _db.Service.ResolveAsync(null));
        Assert.Null(await _db.Service.ResolveAsync(new string('+', 43)));
        Assert.Null(await _db.Service.ResolveAsync("../" + link.Token[3..]));
    }

    [Fact]
    public async Task A_revoked_link_is_refused_and_the_others_still_work()
    {
        var dashboard = await DashboardWithPanelAsync();
        var revoked = await _db.Service.ShareAsync(dashboard.Id, "curator@example.org");
        var kept = await _db.Service.ShareAsync(dashboard.Id, "curator@example.org");

        await _db.Service.RevokeAsync(dashboard.Id, revoked.ShareId);

        Assert.Null(await _db.Service.ResolveAsync(revoked.Token));
        Assert.NotNull(await _db.Service.ResolveAsync(kept.Token));
        var shares = await _db.Service.ListSharesAsync(dashboard.Id);
        Assert.NotNull(shares.Single(s => s.Id == revoked.ShareId).RevokedAt);
        Assert.Null(shares.Single(s => s.Id == kept.ShareId).RevokedAt);
        Assert.Equal(1, (await _db.Service.ListAsync()).Single().ActiveLinks);
    }

    [Fact]
    public async Task An_expiring_link_works_until_its_expiry_and_is_refused_after()
    {
        var dashboard = await DashboardWithPanelAsync();
        var link = await _db.Service.ShareAsync(dashboard.Id, "curator@example.org", _db.Clock.GetUtcNow().UtcDateTime.AddHours(1));

        _db.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(await _db.Service.ResolveAsync(link.Token));
        _db.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await _db.Service.ResolveAsync(link.Token));
    }

    [Fact]
    public async Task A_link_cannot_be_created_already_expired_nor_revoked_through_another_dashboard()
    {
        var dashboard = await DashboardWithPanelAsync();
        var other = await _db.Service.CreateAsync("Other", "", "x");
        var error = await Assert.ThrowsAsync<DashboardException>(() =>
            _db.Service.ShareAsync(dashboard.Id, "c", _db.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1)));
        Assert.Contains("future", error.Message);

        var link = await _db.Service.ShareAsync(dashboard.Id, "c");
        await Assert.ThrowsAsync<DashboardException>(() => _db.Service.RevokeAsync(other.Id, link.ShareId));
        Assert.NotNull(await _db.Service.ResolveAsync(link.Token));
    }

    [Fact]
    public async Task Panels_keep_their_order_through_add_move_reorder_and_remove()
    {
        var run = await SampleRuns.InsertAsync(_db.Factory, "run A");
        var dashboard = await _db.Service.CreateAsync("Culture", "", "curator@example.org");
        var bars = await _db.Service.AddPanelAsync(dashboard.Id, run.Id, "acc-country");
        var heat = await _db.Service.AddPanelAsync(dashboard.Id, run.Id, "consistency", "Consistency (en/ja)");
        var metrics = await _db.Service.AddPanelAsync(dashboard.Id, run.Id, DashboardPanel.MetricsPanel);

        async Task<long[]> Order() => (await _db.Service.GetAsync(dashboard.Id))!.Panels.Select(p => p.Id).ToArray();

        Assert.Equal([bars.Id, heat.Id, metrics.Id], await Order());
        await _db.Service.MovePanelAsync(dashboard.Id, metrics.Id, -1);
        Assert.Equal([bars.Id, metrics.Id, heat.Id], await Order());
        await _db.Service.MovePanelAsync(dashboard.Id, bars.Id, -5); // clamped at the top
        Assert.Equal([bars.Id, metrics.Id, heat.Id], await Order());
        await _db.Service.ReorderAsync(dashboard.Id, [heat.Id, bars.Id, metrics.Id]);
        Assert.Equal([heat.Id, bars.Id, metrics.Id], await Order());
        await _db.Service.RemovePanelAsync(dashboard.Id, bars.Id);
        Assert.Equal([heat.Id, metrics.Id], await Order());
        Assert.Equal([0, 1], (await _db.Service.GetAsync(dashboard.Id))!.Panels.Select(p => p.Order));

        await Assert.ThrowsAsync<DashboardException>(() => _db.Service.ReorderAsync(dashboard.Id, [heat.Id]));
        await Assert.ThrowsAsync<DashboardException>(() => _db.Service.ReorderAsync(dashboard.Id, [heat.Id, heat.Id]));

        var content = (await _db.Service.LoadContentAsync(dashboard.Id))!;
        Assert.Equal("Consistency (en/ja)", content.Panels[0].Title);
        Assert.Equal("consistency", content.Panels[0].Chart!.Id);
        Assert.True(content.Panels[1].IsMetrics);
        Assert.Equal(0.625, content.Panels[1].Metrics[0].Value);
    }

    [Fact]
    public async Task A_panel_needs_an_existing_run_with_a_report_that_has_the_chart()
    {
        var run = await SampleRuns.InsertAsync(_db.Factory, "run A");
        var unfinished = await SampleRuns.InsertAsync(_db.Factory, "running", reportJson: null);
        var dashboard = await _db.Service.CreateAsync("Culture", "", "curator@example.org");

        var missingChart = await Assert.ThrowsAsync<DashboardException>(() => _db.Service.AddPanelAsync(dashboard.Id, run.Id, "nope"));
        Assert.Contains("acc-country", missingChart.Message);
        Assert.Contains("no report", (await Assert.ThrowsAsync<DashboardException>(() => _db.Service.AddPanelAsync(dashboard.Id, unfinished.Id, "metrics"))).Message);
        Assert.Contains("does not exist", (await Assert.ThrowsAsync<DashboardException>(() => _db.Service.AddPanelAsync(dashboard.Id, 999, "metrics"))).Message);
        Assert.Contains("name", (await Assert.ThrowsAsync<DashboardException>(() => _db.Service.CreateAsync("  ", "", "x"))).Message);
        Assert.Empty((await _db.Service.GetAsync(dashboard.Id))!.Panels);
    }

    [Fact]
    public async Task Deleting_a_dashboard_kills_its_links()
    {
        var dashboard = await DashboardWithPanelAsync();
        var link = await _db.Service.ShareAsync(dashboard.Id, "c");
        await _db.Service.DeleteAsync(dashboard.Id);
        Assert.Null(await _db.Service.ResolveAsync(link.Token));
        Assert.Empty(await _db.Service.ListAsync());
    }
}
