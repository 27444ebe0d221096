using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.E2E;

/// <summary>
/// Issue 7's whole flow through the browser: a curator runs a culture-MCQ evaluation with stories260K
/// on the seeded MMA-ASIA demo items, sees its accuracy chart, puts that chart on a dashboard, shares it,
/// and a visitor without cookies opens the link and sees the chart; once revoked the link is not found.
/// </summary>
public sealed class EvaluationShareFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Email = "curator@example.org";
    private const string Password = "curator-password";
    private const string RunName = "stories260K culture check";

    // A real model scores every demo item on a shared 2-core machine: be generous, never sleep.
    private const float RunTimeoutMs = 300_000;

    [Fact]
    public async Task Curator_runs_culture_mcq_with_stories260K_and_shares_its_accuracy_chart()
    {
        var modelsFolder = Path.GetDirectoryName(SharedFolder.File("models", "stories260K.gguf"))!;
        await using var server = await WorkbenchServer.StartAsync(new Dictionary<string, string>
        {
            ["Paths:Models"] = modelsFolder,
            ["Models:ContextSize"] = "512",
            ["Models:BatchSize"] = "512",
            ["Models:MicroBatchSize"] = "512",
        });
        await using (var services = WorkbenchServices.ForSqliteFile(server.DatabasePath))
        {
            Assert.True((await services.AddUserAsync(Email, Password, Roles.Curator)).Succeeded);
        }
        var (context, page) = await browser.NewPageAsync(server);
        try
        {
            // Configure and start the run through the form.
            await page.SignInAsAsync(Email, Password, "/runs/new");
            await PickAsync(page, "Model", "stories260K.gguf");
            await PickAsync(page, "Method", "Culture MCQ (MMA-ASIA)");
            await PickAsync(page, "Kind", "CultureMultipleChoice");
            var count = page.Locator("[data-testid=run-item-count]");
            await Assertions.Expect(count).ToHaveTextAsync(new Regex("^[1-9]\\d* item\\(s\\) selected$"));
            await page.FillAsync("[data-testid=run-name] input, input[data-testid=run-name]", RunName);
            await page.ClickAsync("[data-testid=start-run]");
            await page.WaitForURLAsync(new Regex("/runs/\\d+$"));
            var runId = new Uri(page.Url).Segments[^1];

            // The progress is pushed live until the job completes; then the report is drawn.
            await page.WaitForSelectorAsync("[data-testid=run-progress][data-state=Completed]", new PageWaitForSelectorOptions { Timeout = RunTimeoutMs });
            Assert.Equal("culture-mcq", await page.InnerTextAsync("[data-testid=config-method]"));
            Assert.Contains("stories260K.gguf", await page.InnerTextAsync("[data-testid=config-model]"));
            Assert.Contains("CultureMultipleChoice", await page.InnerTextAsync("[data-testid=config-filter]"));
            var progress = await page.InnerTextAsync("[data-testid=progress-count]");
            var parts = progress.Split('/');
            Assert.True(parts.Length == 2 && parts[0] == parts[1] && int.Parse(parts[0]) > 0, $"progress shows {progress}");
            Assert.True(await page.Locator("[data-testid=run-metrics] tr[data-metric]").CountAsync() > 0, "no headline metrics shown");
            await page.WaitForSelectorAsync("[data-testid=report-chart-accuracy-by-country] .js-plotly-plot .main-svg", new PageWaitForSelectorOptions { Timeout = 30_000 });
            await page.WaitForSelectorAsync("[data-testid=report-chart-accuracy-by-country] .barlayer .point");
            var runBars = await page.Locator("[data-testid=report-chart-accuracy-by-country] .barlayer .point").CountAsync();
            Assert.True(runBars > 0);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("evaluation-run.png"), FullPage = true });

            // Compose a dashboard from this run's accuracy chart and share it.
            await page.GotoAsync("/dashboards");
            await page.WaitForCircuitAsync();
            await page.FillAsync("[data-testid=new-dashboard-name] input, input[data-testid=new-dashboard-name]", "Culture accuracy");
            await page.ClickAsync("[data-testid=create-dashboard]");
            await page.WaitForURLAsync(new Regex("/dashboards/\\d+$"));
            var composer = new Uri(page.Url).PathAndQuery;
            await PickInAsync(page, "pick-run", $"#{runId} {RunName}");
            await PickInAsync(page, "pick-chart", "Accuracy by country");
            await page.ClickAsync("[data-testid=add-panel]");
            await page.WaitForSelectorAsync("[data-testid=panel][data-chart-id=accuracy-by-country] .js-plotly-plot .main-svg");
            await page.ClickAsync("[data-testid=share-dashboard]");
            var url = await page.Locator("[data-testid=share-url] input").InputValueAsync();
            Assert.Matches("/shared/[A-Za-z0-9_-]{43}$", url);

            // A visitor with no cookies sees the chart, drawn with the same bars, and nothing else of the app.
            await using (var visitor = await VisitorAsync(server))
            {
                await visitor.Page.GotoAsync(url);
                await visitor.Page.WaitForSelectorAsync("#chart-0.js-plotly-plot .main-svg");
                Assert.Equal(runBars, await visitor.Page.Locator("#chart-0 .barlayer .point").CountAsync());
                Assert.Equal("Culture accuracy", await visitor.Page.InnerTextAsync("[data-testid=report-title]"));
                Assert.Equal(0, await visitor.Page.Locator("a, form, .mud-nav-link").CountAsync());
                await visitor.Page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("evaluation-shared.png"), FullPage = true });
            }

            // Revoked, the same link is not found.
            await page.GotoAsync(composer);
            await page.WaitForCircuitAsync();
            await page.ClickAsync("[data-testid=revoke-share]");
            await page.WaitForSelectorAsync("[data-testid=share-table] tr[data-status=revoked]");
            await using (var visitor = await VisitorAsync(server))
            {
                var response = await visitor.Page.GotoAsync(url);
                Assert.Equal(404, response!.Status);
                Assert.Equal(0, await visitor.Page.Locator(".js-plotly-plot").CountAsync());
            }
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("evaluation-share-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>A separate browser context: no cookies of the curator's session.</summary>
    private async Task<Visitor> VisitorAsync(WorkbenchServer server)
    {
        var (context, page) = await browser.NewPageAsync(server);
        return new Visitor(context, page);
    }

    private sealed record Visitor(IBrowserContext Context, IPage Page) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await Context.CloseAsync();
    }

    /// <summary>Opens the select labelled <paramref name="label"/> and picks the item with <paramref name="text"/>.</summary>
    private static async Task PickAsync(IPage page, string label, string text)
    {
        var select = page.Locator("[data-testid=new-run-form] .mud-input-control").Filter(new LocatorFilterOptions { Has = page.Locator($"label:has-text('{label}')") }).First;
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = text }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>Opens a select and picks an item; the chart select enables only once the run's report is read, so retry.</summary>
    private static async Task PickInAsync(IPage page, string testId, string text)
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
}
