using Microsoft.Playwright;
using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.E2E;

/// <summary>
/// Issue 6's whole flow: a curator creates and saves an objective, loads stories260K, picks a demo
/// Touché argument in the counterfactual inspector, chooses the saved objective, runs COUPLE and
/// sees both texts, the chart and the trace (stories260K writes nonsense; the flow must hold).
/// </summary>
public sealed class ObjectiveCounterfactualFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Email = "curator@example.org";
    private const string Password = "curator-password";
    private const string ObjectiveName = "Safe streets";

    private static ILocator Row(IPage page, string dimension) => page.Locator($"tr[data-testid=priority-row][data-dimension={dimension}]");

    /// <summary>Waits until the counterfactual page's number field for a dimension shows the value.</summary>
    private static Task WaitForInspectorPriorityAsync(IPage page, string dimension, int priority) =>
        page.WaitForFunctionAsync(
            "([id, v]) => { const e = document.querySelector(`input[data-testid=priority-${id}], [data-testid=priority-${id}] input`); return e !== null && e.value === v; }",
            new object[] { dimension, priority.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    [Fact]
    public async Task Curator_creates_an_objective_and_runs_couple_with_it_on_a_demo_item()
    {
        var modelsFolder = Path.GetDirectoryName(SharedFolder.File("models", "stories260K.gguf"))!;
        await using var server = await WorkbenchServer.StartAsync(new Dictionary<string, string>
        {
            ["Paths:Models"] = modelsFolder,
            ["Models:Threads"] = "1",
            ["Models:ContextSize"] = "2048",
            ["Models:BatchSize"] = "512",
            ["Models:MicroBatchSize"] = "512",
        });
        await using (var services = WorkbenchServices.ForSqliteFile(server.DatabasePath))
        {
            Assert.True((await services.AddUserAsync(Email, Password, Roles.Curator)).Succeeded);
        }
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1100 },
        });
        // The box is small and shared: give every step room without sleeping.
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        try
        {
            // 1. Create and save an objective (schwartz-10): power 3 → 5 on the slider, benevolence 3 → 4 on the number field.
            await page.GotoAsync("/account/login?returnUrl=%2Fobjectives%2Fnew");
            await page.FillAsync("input[name=Email]", Email);
            await page.FillAsync("input[name=Password]", Password);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/objectives/new");
            await page.WaitForCircuitAsync();
            await page.WaitForSelectorAsync("tr[data-testid=priority-row][data-dimension=power]");
            await page.FillAsync("[data-testid=objective-name] input, input[data-testid=objective-name]", ObjectiveName);
            await Row(page, "power").Locator("input[type=range]").FocusAsync();
            await page.Keyboard.PressAsync("ArrowRight");
            await page.Keyboard.PressAsync("ArrowRight");
            await page.WaitForSelectorAsync("tr[data-testid=priority-row][data-dimension=power][data-priority='5']");
            await Row(page, "benevolence").Locator("td:nth-child(3) input").FocusAsync();
            await page.Keyboard.PressAsync("ArrowUp");
            await page.WaitForSelectorAsync("tr[data-testid=priority-row][data-dimension=benevolence][data-priority='4']");
            await page.ClickAsync("[data-testid=save-objective]");
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/objectives/\\d+$"));
            await page.WaitForSelectorAsync("[data-testid=current-version][data-version='1']");

            // 2. Load stories260K on the Models page.
            await page.GotoAsync("/models");
            await page.WaitForCircuitAsync();
            await page.ClickAsync("tr[data-model='stories260K.gguf'] [data-testid=load-model]");
            await page.WaitForSelectorAsync("[data-testid=memory-estimate]");
            await page.ClickAsync("[data-testid=confirm-load]");
            await page.WaitForSelectorAsync("[data-testid=loaded-model-name]", new PageWaitForSelectorOptions { Timeout = 120_000 });

            // 3. The inspector: pick a demo Touché argument from the item library.
            await page.ClickAsync("a[href='/counterfactuals']");
            await page.WaitForURLAsync("**/counterfactuals");
            await page.WaitForSelectorAsync("[data-testid=priority-editor]");
            Assert.Equal(0, await page.Locator("[data-testid=no-model]").CountAsync());
            await page.ClickAsync("[data-testid=item-benchmark-touche23-valueeval]");
            await page.FillAsync("[data-testid=item-search] input, input[data-testid=item-search]", "old town");
            // The search is debounced: wait until the list has been filtered (the libraries argument is gone) so the click does not land mid-render.
            await page.WaitForSelectorAsync("[data-testid=item-result]:has-text('DEMO-T01')", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
            var argument = page.Locator("[data-testid=item-result]").Filter(new LocatorFilterOptions { HasText = "DEMO-T03" });
            await argument.WaitForAsync();
            await argument.ClickAsync();
            await page.WaitForFunctionAsync(
                "() => { const q = document.querySelector('textarea[data-testid=question], [data-testid=question] textarea'); const r = document.querySelector('textarea[data-testid=response], [data-testid=response] textarea'); return q && r && q.value.includes('ban cars from the old town') && r.value.includes('narrow streets'); }");

            // 4. The saved objective fills the priority editor.
            await page.Locator(".mud-input-control").Filter(new LocatorFilterOptions { HasText = "Load saved objective" }).First.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = ObjectiveName }).First.ClickAsync();
            await WaitForInspectorPriorityAsync(page, "power", 5);
            await WaitForInspectorPriorityAsync(page, "benevolence", 4);
            await WaitForInspectorPriorityAsync(page, "universalism", 3);

            // 5. Run COUPLE and inspect the result.
            await page.ClickAsync("[data-testid=method-couple]");
            await page.WaitForSelectorAsync("[data-testid=method-couple][aria-pressed=true]");
            await page.ClickAsync("[data-testid=run]");
            await page.WaitForSelectorAsync("[data-testid=results]", new PageWaitForSelectorOptions { Timeout = 300_000 });
            Assert.Contains("narrow streets", await page.InnerTextAsync("[data-testid=original-text]"));
            Assert.False(string.IsNullOrWhiteSpace(await page.InnerTextAsync("[data-testid=counterfactual-text]")));
            Assert.Equal("3", await page.GetAttributeAsync("[data-testid=result-chart] [data-testid=profile-chart]", "data-traces"));
            // Plotly drew the polar chart.
            await page.WaitForSelectorAsync("[data-testid=result-chart] .main-svg");
            // Abduction, Action, (Prediction unless the original already meets the objective), Evaluation.
            Assert.InRange(await page.Locator("[data-testid=trace-step]").CountAsync(), 3, 4);
            Assert.Equal("Abduction", await page.Locator("[data-testid=trace-step]").First.GetAttributeAsync("data-step"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("objective-counterfactual.png"), FullPage = true });
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("objective-counterfactual-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
