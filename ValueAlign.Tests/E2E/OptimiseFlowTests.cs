using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ValueAlign.Core.Accounts;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.E2E;

/// <summary>
/// A curator starts a two-round PICACO run with stories260K on /optimise (the CPU demo sizes),
/// watches the live view's curves grow by one point per series when the second round is stored,
/// and with one click opens /runs/new with the optimised instruction as the system prompt, then
/// starts that evaluation run and finds the instruction in its stored configuration.
/// </summary>
public sealed class OptimiseFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Curator = "curator@example.org";
    private const string Password = "optimise-password-1";
    private const float RunTimeoutMs = 480_000;

    /// <summary>
    /// A seed whose first round replaces the starting instruction on stories260K, so the run does not
    /// stop after one round (PICACO stops when the instruction wins its own round).
    /// </summary>
    private const string Seed = "1";

    /// <summary>Plotly draws each marker of a lines+markers trace as one path.point.</summary>
    private const string CurvePoints = "[data-testid=opt-curves] .scatterlayer .trace .points path.point";

    [Fact]
    public async Task Curator_runs_picaco_for_two_rounds_watches_the_curves_grow_and_evaluates_with_the_instruction_as_system_prompt()
    {
        await using var server = await WorkbenchServer.StartAsync(new Dictionary<string, string>
        {
            ["Paths:Models"] = Path.GetDirectoryName(SharedFolder.File("models", "stories260K.gguf"))!,
            ["Models:Threads"] = "1",
            ["Models:ContextSize"] = "1024",
            ["Models:BatchSize"] = "512",
            ["Models:MicroBatchSize"] = "512",
        });
        await using (var services = WorkbenchServices.ForSqliteFile(server.DatabasePath))
        {
            Assert.True((await services.AddUserAsync(Curator, Password, Roles.Curator)).Succeeded);
        }
        var (context, page) = await browser.NewPageAsync(server);
        try
        {
            // PICACO (the default method, Confucianism-4) on the shipped value-laden prompts, demo sizes, two prompts.
            await page.SignInAsAsync(Curator, Password, "/optimise");
            await page.ClickAsync("[data-testid=opt-demo-sizes]");
            await Assertions.Expect(page.Locator(Input("opt-rounds"))).ToHaveValueAsync("2");
            await Fill(page, "opt-prompts", "2");
            await Fill(page, "opt-seed", Seed);
            await Fill(page, "opt-name", "confucian demo");
            await page.ClickAsync("[data-testid=opt-start]");
            await page.WaitForURLAsync(new Regex(@"/optimise/\d+$"));
            var runId = long.Parse(new Uri(page.Url).Segments[^1]);
            await page.WaitForCircuitAsync();

            // Round 1 stored: one point per series (objective, alignment, parroting).
            var curves = page.Locator("[data-testid=opt-curves]");
            await RoundShownAsync(page, server, 1);
            Assert.Equal("Objective J(e)|Alignment|Parroting", await curves.GetAttributeAsync("data-series"));
            await Assertions.Expect(page.Locator(CurvePoints)).ToHaveCountAsync(3);
            var afterFirst = await page.Locator(CurvePoints).CountAsync();
            await Assertions.Expect(page.Locator("[data-testid=opt-best]")).Not.ToBeEmptyAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("optimise-round-1.png"), FullPage = true });

            // Round 2 stored (pushed to the open page, no reload): the curves grew by one point each.
            await RoundShownAsync(page, server, 2);
            await Assertions.Expect(page.Locator(CurvePoints)).ToHaveCountAsync(6);
            Assert.True(await page.Locator(CurvePoints).CountAsync() > afterFirst);
            await page.WaitForSelectorAsync("[data-testid=run-progress][data-state=Completed]", new PageWaitForSelectorOptions { Timeout = RunTimeoutMs });
            await Assertions.Expect(page.Locator("[data-testid=opt-phase]")).ToContainTextAsync("2 of 2 round(s) finished");
            var instruction = await page.InnerTextAsync("[data-testid=opt-best]");
            Assert.False(string.IsNullOrWhiteSpace(instruction));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("optimise-finished.png"), FullPage = true });

            // One click: the New run form with the instruction as its system prompt.
            await page.ClickAsync("[data-testid=opt-use-as-system-prompt]");
            await page.WaitForURLAsync(new Regex(@"/runs/new\?systemPromptFrom=\d+$"));
            await page.WaitForCircuitAsync();
            var systemPrompt = page.Locator("textarea[data-testid=run-system-prompt], [data-testid=run-system-prompt] textarea");
            await Assertions.Expect(systemPrompt).ToHaveValueAsync(instruction);
            Assert.Contains($"artefact of run {runId}", await page.InnerTextAsync("[data-testid=new-run-form]"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("optimise-new-run.png"), FullPage = true });

            // Starting it stores the instruction with the evaluation run's configuration.
            await Assertions.Expect(page.Locator("[data-testid=run-item-count]")).ToHaveTextAsync(new Regex("^[1-9][\\d,]* item\\(s\\) selected$"));
            await page.ClickAsync("[data-testid=start-run]");
            await page.WaitForURLAsync(new Regex(@"/runs/\d+$"));
            var evaluationId = long.Parse(new Uri(page.Url).Segments[^1]);
            Assert.NotEqual(runId, evaluationId);
            await Assertions.Expect(page.Locator("[data-testid=config-system-prompt]")).ToHaveTextAsync(instruction);
            await using var db = AnnotationProjectSeed.Factory(server.DatabasePath).CreateDbContext();
            var stored = await db.EvalRuns.AsNoTracking().SingleAsync(r => r.Id == evaluationId);
            Assert.Equal(instruction, stored.SystemPrompt);
            Assert.NotEqual("picaco", stored.Method);
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("optimise-failure.png"), FullPage = true });
            await File.WriteAllTextAsync(BrowserFixture.ArtifactPath("optimise-failure-server.log"), server.Log);
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Waits until the curves show <paramref name="rounds"/> rounds, failing at once (with the server's log) if the page broke instead.</summary>
    private static async Task RoundShownAsync(IPage page, WorkbenchServer server, int rounds)
    {
        await page.WaitForSelectorAsync($"[data-testid=opt-curves][data-rounds='{rounds}'], [data-testid=correlation-id]", new PageWaitForSelectorOptions { Timeout = RunTimeoutMs });
        Assert.True(await page.Locator("[data-testid=correlation-id]").CountAsync() == 0, "The live view broke:\n" + server.Log);
    }

    /// <summary>MudBlazor puts the data-testid on the input itself or on its wrapper, depending on the field.</summary>
    private static string Input(string testId) => $"[data-testid={testId}] input, input[data-testid={testId}]";

    private static Task Fill(IPage page, string testId, string value) => page.FillAsync(Input(testId), value);
}
