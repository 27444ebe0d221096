using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Dashboards;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.E2E;

/// <summary>
/// A curator composes a dashboard from a finished run, shares it, signs out and opens the link as
/// a visitor (the chart is drawn, nothing else of the app is there); after revoking, the link is not found.
/// </summary>
public sealed class DashboardShareFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "curator-password";

    [Fact]
    public async Task Curator_composes_shares_and_revokes_a_dashboard_link()
    {
        await using var server = await WorkbenchServer.StartAsync();
        await using (var services = WorkbenchServices.ForSqliteFile(server.DatabasePath))
        {
            Assert.True((await services.AddUserAsync("curator@example.org", Password, Roles.Curator)).Succeeded);
            await SampleRuns.InsertAsync(services.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>(), "baseline run");
        }
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        try
        {
            await SignInAsync(page, "/dashboards");
            await page.FillAsync("[data-testid=new-dashboard-name] input, input[data-testid=new-dashboard-name]", "Partner view");
            await page.ClickAsync("[data-testid=create-dashboard]");
            await page.WaitForURLAsync(new Regex("/dashboards/\\d+$"));
            var composer = page.Url;

            await PickAsync(page, "pick-run", "baseline run");
            await PickAsync(page, "pick-chart", "Accuracy by country");
            await page.ClickAsync("[data-testid=add-panel]");
            await page.WaitForSelectorAsync("[data-testid=panel][data-chart-id=acc-country] .js-plotly-plot .barlayer .point");

            await page.ClickAsync("[data-testid=share-dashboard]");
            var url = await page.Locator("[data-testid=share-url] input").InputValueAsync();
            Assert.Matches("/shared/[A-Za-z0-9_-]{43}$", url);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("dashboard-composer.png"), FullPage = true });

            // Signed out, the link shows the dashboard's chart and nothing else of the app.
            await page.ClickAsync("button[aria-label='Sign out']");
            await page.WaitForURLAsync("**/account/login");
            var external = new List<string>();
            page.Request += (_, request) =>
            {
                if (!request.Url.StartsWith(server.BaseAddress.ToString(), StringComparison.Ordinal))
                    external.Add(request.Url);
            };
            await page.GotoAsync(url);
            await page.WaitForSelectorAsync("#chart-0.js-plotly-plot .barlayer .point");
            Assert.Equal(2, await page.Locator("#chart-0 .barlayer .point").CountAsync());
            Assert.Equal("Partner view", await page.InnerTextAsync("[data-testid=report-title]"));
            Assert.Equal(0, await page.Locator("a, form, .mud-nav-link").CountAsync());
            Assert.Empty(external);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("dashboard-shared.png"), FullPage = true });

            // Revoked, the same link is not found.
            await SignInAsync(page, new Uri(composer).PathAndQuery);
            await page.ClickAsync("[data-testid=revoke-share]");
            await page.WaitForSelectorAsync("[data-testid=share-table] tr[data-status=revoked]");
            await page.ClickAsync("button[aria-label='Sign out']");
            await page.WaitForURLAsync("**/account/login");
            var response = await page.GotoAsync(url);
            Assert.Equal(404, response!.Status);
            Assert.Contains("Not found", await page.InnerTextAsync("h1"));
            Assert.Equal(0, await page.Locator(".js-plotly-plot").CountAsync());
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("dashboard-share-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Opens a select and picks an item; the chart select enables only once the run's report is read, so retry.</summary>
    private static async Task PickAsync(IPage page, string testId, string text)
    {
        for (var attempt = 0; ; attempt++)
        {
            await page.Locator($"[data-testid={testId}] .mud-input-control").ClickAsync();
            var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = text }).First;
            try
            {
                await item.WaitForAsync(new LocatorWaitForOptions { Timeout = 3000 });
                await item.ClickAsync();
                return;
            }
            catch (TimeoutException) when (attempt < 5)
            {
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }

    private static async Task SignInAsync(IPage page, string returnPath)
    {
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnPath));
        await page.FillAsync("input[name=Email]", "curator@example.org");
        await page.FillAsync("input[name=Password]", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**" + returnPath);
        await page.WaitForCircuitAsync();
    }
}
