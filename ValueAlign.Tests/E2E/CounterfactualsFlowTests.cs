using Microsoft.Playwright;
using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.E2E;

/// <summary>
/// A curator loads stories260K, opens the inspector, types a question, pastes a response, runs
/// COUPLE and sees both texts and the chart (stories260K writes nonsense; the flow must hold).
/// </summary>
public sealed class CounterfactualsFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Curator_runs_couple_on_a_typed_question_and_sees_both_texts_and_the_chart()
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
            Assert.True((await services.AddUserAsync("curator@example.org", "curator-password", Roles.Curator)).Succeeded);
        }
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync("/account/login?returnUrl=%2Fcounterfactuals");
            await page.FillAsync("input[name=Email]", "curator@example.org");
            await page.FillAsync("input[name=Password]", "curator-password");
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/counterfactuals");
            await page.WaitForCircuitAsync();

            // No model yet: the page says so and links to the Models page, where the curator loads one.
            await page.WaitForSelectorAsync("[data-testid=no-model]");
            await page.ClickAsync("[data-testid=no-model] a[href='/models']");
            await page.WaitForURLAsync("**/models");
            await page.WaitForCircuitAsync();
            await page.ClickAsync("tr[data-model='stories260K.gguf'] [data-testid=load-model]");
            await page.WaitForSelectorAsync("[data-testid=memory-estimate]");
            await page.ClickAsync("[data-testid=confirm-load]");
            await page.WaitForSelectorAsync("[data-testid=loaded-model-name]", new PageWaitForSelectorOptions { Timeout = 120_000 });

            await page.ClickAsync("a[href='/counterfactuals']");
            await page.WaitForURLAsync("**/counterfactuals");
            await page.WaitForSelectorAsync("[data-testid=priority-editor]");
            Assert.Equal(0, await page.Locator("[data-testid=no-model]").CountAsync());

            await page.FillAsync("textarea[data-testid=question], [data-testid=question] textarea", "Should the town build a factory in the forest?");
            await page.FillAsync("textarea[data-testid=response], [data-testid=response] textarea", "Yes, it brings jobs and money to the town.");
            await page.FillAsync("input[data-testid=priority-power], [data-testid=priority-power] input", "1");
            await page.FillAsync("input[data-testid=priority-universalism], [data-testid=priority-universalism] input", "5");
            await page.Keyboard.PressAsync("Tab");
            await page.ClickAsync("[data-testid=method-couple]");
            await page.ClickAsync("[data-testid=run]");

            await page.WaitForSelectorAsync("[data-testid=results]", new PageWaitForSelectorOptions { Timeout = 240_000 });
            Assert.Contains("Yes, it brings jobs and money", await page.InnerTextAsync("[data-testid=original-text]"));
            Assert.False(string.IsNullOrWhiteSpace(await page.InnerTextAsync("[data-testid=counterfactual-text]")));
            Assert.Equal("3", await page.GetAttributeAsync("[data-testid=result-chart] [data-testid=profile-chart]", "data-traces"));
            // Plotly drew the polar chart.
            await page.WaitForSelectorAsync("[data-testid=result-chart] .main-svg");
            // Abduction, Action, (Prediction unless the original already meets the objective), Evaluation.
            Assert.InRange(await page.Locator("[data-testid=trace-step]").CountAsync(), 3, 4);
            Assert.Equal("Abduction", await page.Locator("[data-testid=trace-step]").First.GetAttributeAsync("data-step"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("counterfactuals.png"), FullPage = true });
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("counterfactuals-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
