using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Accounts.ApiKeys;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Evaluation.Judging;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.E2E;

/// <summary>
/// Issue 11's browser flow: an Admin adds the workbench's own <c>/v1</c> (stories260K preloaded)
/// as a server on the Models page, starts a culture-MCQ run on the server's model from
/// <c>/runs/new</c> with a separate, local judge, and sees both models named on the run page.
/// </summary>
public sealed class ServedSelfFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Email = "admin@example.org";
    private const string Password = "admin-password";
    private const string KeyVariable = "SELF_V1_KEY";

    [Fact]
    public async Task Admin_adds_the_own_v1_as_a_server_and_runs_culture_mcq_on_it_with_a_separate_judge()
    {
        using var models = new TwoModelFolder();
        string? apiKey = null;
        await using var server = await WorkbenchServer.StartAsync(new Dictionary<string, string>
        {
            ["Paths:Models"] = models.Path,
            ["Models:Preload:0"] = TwoModelFolder.Model,
            ["Models:ContextSize"] = "512",
            ["Models:BatchSize"] = "512",
            ["Models:MicroBatchSize"] = "512",
        }, async database =>
        {
            // The Admin and the key the workbench sends to its own /v1, in the environment before it starts.
            await using var services = WorkbenchServices.ForSqliteFile(database);
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            Assert.True((await services.AddUserAsync(Email, Password, Roles.Admin)).Succeeded);
            var (created, error) = await services.GetRequiredService<ApiKeyService>().CreateForEmailAsync(Email, "self");
            apiKey = created?.Secret ?? throw new InvalidOperationException(error);
            return new Dictionary<string, string> { [KeyVariable] = apiKey };
        });
        var v1 = new Uri(server.BaseAddress, "v1").ToString();
        var (context, page) = await browser.NewPageAsync(server);
        try
        {
            await page.SignInAsAsync(Email, Password, "/models");
            await page.ClickAsync(".mud-tab:has-text('Servers')");
            await page.FillAsync("input[data-testid=server-name], [data-testid=server-name] input", "self");
            await page.FillAsync("input[data-testid=server-url], [data-testid=server-url] input", v1);
            await page.FillAsync("input[data-testid=server-key-variable], [data-testid=server-key-variable] input", KeyVariable);
            await page.ClickAsync("[data-testid=test-connection]");
            await Assertions.Expect(page.Locator("[data-testid=server-test]")).ToContainTextAsync("stories260K", new LocatorAssertionsToContainTextOptions { Timeout = 60_000 });
            await page.FillAsync("input[data-testid=server-models], [data-testid=server-models] input", "stories260K");
            await page.ClickAsync("[data-testid=save-server]");
            await page.WaitForSelectorAsync("[data-testid=server-saved]");
            await page.WaitForSelectorAsync("tr[data-server='self']");
            Assert.DoesNotContain(apiKey!, await page.ContentAsync());

            await page.GotoAsync("/runs/new");
            await page.WaitForCircuitAsync();
            await PickAsync(page, "Model", "stories260K @ self");
            await PickAsync(page, "Method", "Culture MCQ (MMA-ASIA)");
            await PickAsync(page, "Judge", TwoModelFolder.Judge);
            await PickAsync(page, "Kind", "CultureMultipleChoice");
            await PickAsync(page, "Country", "Indonesia");
            await Assertions.Expect(page.Locator("[data-testid=run-item-count]")).ToHaveTextAsync(new Regex("^2 item\\(s\\) selected$"));
            // Generate mode with grounding: the model answers through /v1, the judge rates the rationales.
            await page.ClickAsync("[data-testid=run-parameters-json-toggle]");
            await page.FillAsync("textarea[data-testid=run-parameters-json], [data-testid=run-parameters-json] textarea", "{\"mode\":\"generate\",\"maxTokens\":8,\"grounding\":true}");
            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(page.Locator("[data-testid=new-run-form]")).ToContainTextAsync("a judge other than the evaluated model");
            await page.ClickAsync("[data-testid=start-run]");
            await page.WaitForURLAsync(new Regex("/runs/\\d+$"), new PageWaitForURLOptions { Timeout = 60_000 });

            await page.WaitForSelectorAsync("[data-testid=run-progress][data-state=Completed]", new PageWaitForSelectorOptions { Timeout = 300_000 });
            Assert.Equal($"stories260K @ self", (await page.InnerTextAsync("[data-testid=config-model]")).Trim());
            Assert.Contains($"url={v1.TrimEnd('/')};model=stories260K;fingerprint=sha256:", await page.InnerTextAsync("[data-testid=config-model-hash]"));
            Assert.StartsWith(TwoModelFolder.Judge, await page.InnerTextAsync("[data-testid=judge-name]"));
            Assert.Equal(0, await page.Locator("[data-testid=self-judged]").CountAsync());
            Assert.DoesNotContain(apiKey!, await page.ContentAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("served-self-run.png"), FullPage = true });
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("served-self-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Opens the select labelled <paramref name="label"/> on the new-run form and picks the item with <paramref name="text"/>.</summary>
    private static async Task PickAsync(IPage page, string label, string text)
    {
        var select = page.Locator("[data-testid=new-run-form] .mud-input-control").Filter(new LocatorFilterOptions { Has = page.Locator($"label:has-text('{label}')") }).First;
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = text }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
