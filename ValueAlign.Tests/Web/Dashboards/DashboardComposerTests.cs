using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Dashboards;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Dashboards;
using ValueAlign.Web.Components.Pages.Dashboards;

namespace ValueAlign.Tests.Web.Dashboards;

/// <summary>The composer over a real database: panels in order, reorder and remove, share and revoke, read-only for viewers.</summary>
public sealed class DashboardComposerTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();
    private DashboardDatabase _db = default!;
    private Dashboard _dashboard = default!;

    public async Task InitializeAsync()
    {
        _db = await DashboardDatabase.CreateAsync();
        var run = await SampleRuns.InsertAsync(_db.Factory, "baseline");
        _dashboard = await _db.Service.CreateAsync("Culture", "per country", "curator@example.org");
        await _db.Service.AddPanelAsync(_dashboard.Id, run.Id, "acc-country");
        await _db.Service.AddPanelAsync(_dashboard.Id, run.Id, DashboardPanel.MetricsPanel, "Headline");

        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton<IDbContextFactory<ValueAlignDbContext>>(_db.Factory);
        _ctx.Services.AddSingleton(_db.Reports);
        _ctx.Services.AddSingleton(_db.Service);
        _ctx.Services.AddSingleton<TimeProvider>(_db.Clock);
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        await _db.DisposeAsync();
    }

    private IRenderedComponent<DashboardComposer> RenderAs(string role)
    {
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized($"{role.ToLowerInvariant()}@example.org");
        auth.SetWorkbenchRoles(role);
        _ctx.Render<MudBlazor.MudPopoverProvider>();
        return _ctx.Render<DashboardComposer>(p => p.Add(c => c.Id, _dashboard.Id));
    }

    private static string[] ChartIds(IRenderedComponent<DashboardComposer> page) =>
        page.FindAll("[data-testid=panel]").Select(p => p.GetAttribute("data-chart-id")!).ToArray();

    [Fact]
    public async Task A_curator_reorders_and_removes_panels()
    {
        var page = RenderAs(Roles.Curator);
        page.WaitForAssertion(() => Assert.Equal(["acc-country", "metrics"], ChartIds(page)));
        Assert.Equal("Headline", page.FindAll("[data-testid=panel-title]")[1].TextContent);
        Assert.NotNull(page.Find("[data-testid=panel][data-chart-id=acc-country] [data-testid=report-chart][data-kind=bars]"));
        Assert.NotNull(page.Find("[data-testid=panel][data-chart-id=metrics] [data-testid=metrics-table]"));

        page.Find("[data-testid=panel][data-chart-id=metrics] button[data-testid=move-up]").Click();
        page.WaitForAssertion(() => Assert.Equal(["metrics", "acc-country"], ChartIds(page)));

        page.Find("[data-testid=panel][data-chart-id=metrics] button[data-testid=remove-panel]").Click();
        page.WaitForAssertion(() => Assert.Equal(["acc-country"], ChartIds(page)));
        Assert.Single((await _db.Service.GetAsync(_dashboard.Id))!.Panels);
    }

    [Fact]
    public async Task A_curator_shares_sees_the_link_once_and_revokes_it()
    {
        var page = RenderAs(Roles.Curator);
        page.WaitForAssertion(() => page.Find("[data-testid=share-dashboard]"));

        page.Find("button[data-testid=share-dashboard]").Click();

        var url = page.WaitForElement("[data-testid=share-url] input").GetAttribute("value")!;
        Assert.Matches("^http://localhost/shared/[A-Za-z0-9_-]{43}$", url);
        var token = url[^43..];
        Assert.Equal(_dashboard.Id, (await _db.Service.ResolveAsync(token))!.Id);
        Assert.Equal("active", page.Find("[data-testid=share-table] tr[data-share]").GetAttribute("data-status"));

        page.Find("button[data-testid=revoke-share]").Click();

        page.WaitForAssertion(() => Assert.Equal("revoked", page.Find("[data-testid=share-table] tr[data-share]").GetAttribute("data-status")));
        Assert.Empty(page.FindAll("[data-testid=share-url]"));
        Assert.Null(await _db.Service.ResolveAsync(token));
    }

    [Fact]
    public void A_viewer_sees_the_panels_but_no_editing_or_sharing()
    {
        var page = RenderAs(Roles.Viewer);
        page.WaitForAssertion(() => Assert.Equal(["acc-country", "metrics"], ChartIds(page)));
        Assert.Empty(page.FindAll("[data-testid=panel-picker]"));
        Assert.Empty(page.FindAll("[data-testid=move-up], [data-testid=move-down], [data-testid=remove-panel]"));
        Assert.Empty(page.FindAll("[data-testid=share-links]"));
        Assert.NotNull(page.Find("[data-testid=export-html]"));
    }
}
