using Microsoft.Playwright;
using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.E2E;

/// <summary>A curator loads stories260K from the Models page and streams a completion in the playground.</summary>
public sealed class ModelsFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Curator_loads_stories260K_and_streams_a_completion_with_tokens_per_second()
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
            Assert.True((await services.AddUserAsync("curator@example.org", "curator-password", Roles.Curator)).Succeeded);
        }
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync("/account/login?returnUrl=%2Fmodels");
            await page.FillAsync("input[name=Email]", "curator@example.org");
            await page.FillAsync("input[name=Password]", "curator-password");
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/models");
            await page.WaitForCircuitAsync();

            await page.ClickAsync("tr[data-model='stories260K.gguf'] [data-testid=load-model]");
            await page.WaitForSelectorAsync("[data-testid=memory-estimate]");
            await page.ClickAsync("[data-testid=confirm-load]");
            await page.WaitForSelectorAsync("[data-testid=loaded-model-name]", new PageWaitForSelectorOptions { Timeout = 60_000 });

            await page.ClickAsync(".mud-tab:has-text('Playground')");
            await page.ClickAsync("text=Use the model's chat template");
            await page.FillAsync("textarea[data-testid=user-prompt], [data-testid=user-prompt] textarea", "Once upon a time");
            await page.FillAsync("input[data-testid=max-tokens], [data-testid=max-tokens] input", "40");
            await page.FillAsync("input[data-testid=temperature], [data-testid=temperature] input", "0");
            await page.ClickAsync("[data-testid=generate]");
            // Finished when Generate is enabled again; stories260K may end a story before 40 tokens.
            await page.WaitForFunctionAsync(
                "() => Number(document.querySelector('[data-testid=token-count]').textContent) >= 5 && !document.querySelector('[data-testid=generate]').disabled",
                null, new PageWaitForFunctionOptions { Timeout = 60_000 });
            Assert.StartsWith(", there was a little girl", await page.InnerTextAsync("[data-testid=output] pre"));

            var output = await page.InnerTextAsync("[data-testid=output] pre");
            Assert.False(string.IsNullOrWhiteSpace(output));
            var rate = double.Parse(await page.InnerTextAsync("[data-testid=tokens-per-second]"), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(rate > 0, $"tokens/s shown was {rate}");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("models-playground.png"), FullPage = true });
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("models-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
