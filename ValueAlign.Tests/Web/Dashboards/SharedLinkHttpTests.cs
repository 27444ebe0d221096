using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Dashboards;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Annotation;
using ValueAlign.Tests.Dashboards;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Web.Dashboards;

/// <summary>Read-only links, exports and access rules over real HTTP against the running workbench.</summary>
public sealed class SharedLinkHttpTests(WorkbenchServerFixture fixture) : IClassFixture<WorkbenchServerFixture>, IAsyncLifetime
{
    private const string Password = "curator-password";
    private ServiceProvider _services = default!;
    private IDbContextFactory<ValueAlignDbContext> _factory = default!;
    private long _dashboardId;
    private long _runId;

    private WorkbenchServer Server => fixture.Server;

    public async Task InitializeAsync()
    {
        _services = WorkbenchServices.ForSqliteFile(Server.DatabasePath);
        _factory = _services.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>();
        await _services.AddUserAsync("curator@example.org", Password, Roles.Curator); // fails harmlessly when it exists
        _runId = (await SampleRuns.InsertAsync(_factory, "shared run <b>bold</b>")).Id;
        var service = Service(TimeProvider.System);
        var dashboard = await service.CreateAsync("Shared culture", "for partners", "curator@example.org");
        _dashboardId = dashboard.Id;
        await service.AddPanelAsync(_dashboardId, _runId, "acc-country");
        await service.AddPanelAsync(_dashboardId, _runId, DashboardPanel.MetricsPanel);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private DashboardService Service(TimeProvider clock) => new(_factory, new RunReportReader(_factory), clock);

    private static void AssertBareNotFound(HttpResponseMessage response, string body)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", body);
        Assert.DoesNotContain("Shared culture", body);
        Assert.DoesNotContain("<a ", body);
        Assert.DoesNotContain("revoked", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expired", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_valid_link_shows_the_dashboard_with_its_chart_data_to_an_anonymous_visitor()
    {
        var link = await Service(TimeProvider.System).ShareAsync(_dashboardId, "curator@example.org");
        using var anonymous = Server.CreateClient();

        var response = await anonymous.GetAsync(link.RelativeUrl);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<h1 data-testid=\"report-title\">Shared culture</h1>", html);
        var figures = StandaloneHtmlWriterTests.Figures(html);
        Assert.Equal([0.75, 0.5], figures.Single().GetProperty("data")[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Contains("<td>0.625</td>", html); // the metrics panel
        Assert.Contains("shared run &lt;b&gt;bold&lt;/b&gt;", html);
        // Nothing into the app: no nav menu, no links, no forms, no Blazor.
        Assert.DoesNotContain("<a ", html);
        Assert.DoesNotContain("<form", html);
        Assert.DoesNotContain("blazor.web.js", html);
        Assert.DoesNotContain("mud-nav", html);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Contains("form-action 'none'", response.Headers.GetValues("Content-Security-Policy").Single());

        // The plotly.js it points to is served to the anonymous visitor.
        var script = System.Text.RegularExpressions.Regex.Match(html, "<script src=\"([^\"]+)\"").Groups[1].Value;
        Assert.StartsWith("/_content/Plotly.Blazor/plotly-", script);
        var js = await anonymous.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
    }

    [Theory]
    [InlineData("/shared/")]
    [InlineData("/shared")]
    [InlineData("/shared/not-a-token")]
    [InlineData("/shared/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task No_token_or_a_wrong_one_is_not_found(string path)
    {
        using var anonymous = Server.CreateClient();
        var response = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Shared culture", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_revoked_link_is_not_found()
    {
        var service = Service(TimeProvider.System);
        var link = await service.ShareAsync(_dashboardId, "curator@example.org");
        using var anonymous = Server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(link.RelativeUrl)).StatusCode);

        await service.RevokeAsync(_dashboardId, link.ShareId);

        var response = await anonymous.GetAsync(link.RelativeUrl);
        AssertBareNotFound(response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_expired_link_is_not_found()
    {
        // Created "two days ago" with a one-day expiry: expired for the running server's real clock.
        var past = new TestClock(DateTimeOffset.UtcNow.AddDays(-2));
        var link = await Service(past).ShareAsync(_dashboardId, "curator@example.org", past.GetUtcNow().UtcDateTime.AddDays(1));
        using var anonymous = Server.CreateClient();

        var response = await anonymous.GetAsync(link.RelativeUrl);

        AssertBareNotFound(response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Other_methods_on_the_share_route_change_nothing()
    {
        var service = Service(TimeProvider.System);
        var link = await service.ShareAsync(_dashboardId, "curator@example.org");
        var before = await Snapshot();
        using var anonymous = Server.CreateClient();

        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            var request = new HttpRequestMessage(method, link.RelativeUrl)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "hacked", ["revoked"] = "true" }),
            };
            var response = await anonymous.SendAsync(request);
            Assert.True((int)response.StatusCode >= 400, $"{method} answered {(int)response.StatusCode}");
        }

        Assert.Equal(before, await Snapshot());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(link.RelativeUrl)).StatusCode);
    }

    private async Task<string> Snapshot()
    {
        await using var db = await _factory.CreateDbContextAsync();
        var dashboards = await db.Dashboards.AsNoTracking().OrderBy(d => d.Id).Select(d => $"{d.Id}:{d.Name}:{d.Description}").ToListAsync();
        var panels = await db.DashboardPanels.AsNoTracking().OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Order}:{p.ChartId}").ToListAsync();
        var shares = await db.DashboardShares.AsNoTracking().OrderBy(s => s.Id).Select(s => $"{s.Id}:{s.RevokedAt}:{s.ExpiresAt}").ToListAsync();
        return string.Join("|", dashboards.Concat(panels).Concat(shares));
    }

    [Theory]
    [InlineData("/dashboards")]
    [InlineData("/dashboards/1")]
    [InlineData("/runs/compare?ids=1")]
    [InlineData("/benchmarks")]
    [InlineData("/models")]
    [InlineData("/")]
    [InlineData("/dashboards/1/export.html")]
    [InlineData("/runs/1/export.html")]
    [InlineData("/runs/1/results.csv")]
    [InlineData("/runs/1/results.json")]
    public async Task The_anonymous_visitor_is_sent_to_sign_in_everywhere_else(string path)
    {
        var link = await Service(TimeProvider.System).ShareAsync(_dashboardId, "curator@example.org");
        using var anonymous = Server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(link.RelativeUrl)).StatusCode);

        var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_signed_in_user_downloads_a_self_contained_dashboard_and_the_run_results()
    {
        using var client = Server.CreateClient();
        await WorkbenchSession.SignInAsync(client, "curator@example.org", Password);

        var response = await client.GetAsync($"/dashboards/{_dashboardId}/export.html");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("plotly.js v3", html); // the bundle itself is inline
        Assert.True(html.Length > 3_000_000, $"The export is {html.Length} characters: plotly.js is not inlined.");
        StandaloneHtmlWriterTests.AssertNoExternalReferences(html);
        Assert.DoesNotContain("<script src=", html);
        Assert.Equal([0.75, 0.5], StandaloneHtmlWriterTests.Figures(html).Single().GetProperty("data")[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));

        var run = await client.GetAsync($"/runs/{_runId}/export.html");
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Equal(4, StandaloneHtmlWriterTests.Figures(await run.Content.ReadAsStringAsync()).Count);

        var csv = await client.GetAsync($"/runs/{_runId}/results.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("run_id,item_id,", await csv.Content.ReadAsStringAsync());
        var json = await client.GetAsync($"/runs/{_runId}/results.json");
        Assert.Equal("[]", (await json.Content.ReadAsStringAsync()).Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/runs/99999/results.csv")).StatusCode);
    }
}
