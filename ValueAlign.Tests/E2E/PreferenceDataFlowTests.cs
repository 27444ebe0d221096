using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Methods.LongMab.Verification;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.E2E;

/// <summary>
/// A curator generates LongMab-PO pairs with stories260K for the two story demo items on
/// /preference-data (watching the bandit live), creates the verification project in one click,
/// two annotators label every pair with the keyboard (each sees the answers in their own order),
/// and the agreement page shows the humans against the reward's choice with Cohen's κ.
/// </summary>
public sealed class PreferenceDataFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Curator = "curator@example.org";
    private const string Password = "preference-password-1";
    private static readonly string[] Annotators = ["ann1@example.org", "ann2@example.org"];
    private const float RunTimeoutMs = 300_000;

    [Fact]
    public async Task Curator_generates_pairs_annotators_verify_them_and_agreement_shows_humans_against_the_reward()
    {
        await using var server = await WorkbenchServer.StartAsync(new Dictionary<string, string>
        {
            ["Paths:Models"] = Path.GetDirectoryName(SharedFolder.File("models", "stories260K.gguf"))!,
            ["Models:ContextSize"] = "1024",
            ["Models:BatchSize"] = "512",
            ["Models:MicroBatchSize"] = "512",
        });
        await using (var services = WorkbenchServices.ForSqliteFile(server.DatabasePath))
        {
            Assert.True((await services.AddUserAsync(Curator, Password, Roles.Curator)).Succeeded);
            foreach (var annotator in Annotators)
                Assert.True((await services.AddUserAsync(annotator, Password, Roles.Annotator)).Succeeded);
        }
        var (context, page) = await browser.NewPageAsync(server);
        try
        {
            // Generate: two story items, 6 rounds of 64-token chunks, short answers, seed 1.
            await page.SignInAsAsync(Curator, Password, "/preference-data");
            await page.Locator("[data-testid=pd-form] .mud-input-control").Filter(new LocatorFilterOptions { HasText = "Long-context items" }).First.ClickAsync();
            foreach (var story in new[] { "demo-story-park", "demo-story-cake" })
                await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = story }).First.ClickAsync();
            // Close the multi-select list (Escape, or a click beside it) before using the fields under it.
            var open = page.Locator(".mud-popover-open .mud-list-item");
            for (var attempt = 0; attempt < 5 && await open.CountAsync() > 0; attempt++)
            {
                await page.Keyboard.PressAsync("Escape");
                if (await open.CountAsync() > 0)
                    await page.Mouse.ClickAsync(5, 5);
                await page.WaitForTimeoutAsync(200);
            }
            await Assertions.Expect(open).ToHaveCountAsync(0);
            await Fill(page, "pd-rounds", "6");
            await Fill(page, "pd-chunk-tokens", "64");
            await Fill(page, "pd-answer-tokens", "20");
            await Fill(page, "pd-seed", "1");
            await page.ClickAsync("[data-testid=pd-generate]");
            await page.WaitForURLAsync(new Regex(@"/preference-data\?run=\d+$"));
            var runId = long.Parse(new Uri(page.Url).Query.Split('=')[1]);

            // The bandit shows live, then the run completes with a pair for each item.
            await page.WaitForSelectorAsync("[data-testid=chunk-heatmap] .js-plotly-plot .main-svg", new PageWaitForSelectorOptions { Timeout = RunTimeoutMs });
            await page.WaitForSelectorAsync("[data-testid=run-progress][data-state=Completed]", new PageWaitForSelectorOptions { Timeout = RunTimeoutMs });
            await Assertions.Expect(page.Locator("[data-testid=pd-pair][data-has-pair=true]")).ToHaveCountAsync(2);
            Assert.Equal("6", await page.GetAttributeAsync("[data-testid=chunk-heatmap]", "data-rounds"));
            await page.WaitForSelectorAsync("[data-testid=reward-curve] .js-plotly-plot .scatterlayer");
            Assert.Equal(6, await page.Locator("[data-testid=pd-rollout]").CountAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("preference-data.png"), FullPage = true });

            await page.ClickAsync("[data-testid=pd-verify]");
            await page.WaitForSelectorAsync("[data-testid=pd-project]");
            var projectId = long.Parse((await page.GetAttributeAsync("[data-testid=pd-project]", "href"))!.Split('/')[^1]);
            await Assertions.Expect(page.Locator("[data-testid=pd-pair-status]").First).ToHaveTextAsync("awaiting a verified label");

            // The reward's choice of each pair item, read from the database.
            var chosen = new Dictionary<string, string>();
            await using (var db = AnnotationProjectSeed.Factory(server.DatabasePath).CreateDbContext())
            {
                foreach (var item in await db.BenchmarkItems.AsNoTracking().Where(i => i.Benchmark == PreferencePairItem.BenchmarkOf(runId)).ToListAsync())
                    chosen[item.ExternalId] = JsonOutput.ParseList(item.OptionsJson)[item.Answer == "B" ? 1 : 0];
            }
            Assert.Equal(2, chosen.Count);

            // Both annotators agree with the reward on the park story and prefer the other answer on the cake story.
            foreach (var annotator in Annotators)
            {
                var (annotatorContext, annotate) = await browser.NewPageAsync(server);
                try
                {
                    await annotate.SignInAsAsync(annotator, Password, $"/annotate/{projectId}");
                    for (var n = 0; n < 2; n++)
                    {
                        var item = annotate.Locator("[data-testid=annotate-item]");
                        await item.WaitForAsync();
                        var key = (await item.GetAttributeAsync("data-external-id"))!;
                        var shownA = Collapse(await annotate.InnerTextAsync("[data-testid=preference-answer][data-shown-as=A] pre"));
                        var shownB = Collapse(await annotate.InnerTextAsync("[data-testid=preference-answer][data-shown-as=B] pre"));
                        var rewardIsA = shownA == Collapse(chosen[key]);
                        var order = await annotate.GetAttributeAsync("[data-testid=preference-pair]", "data-order");
                        Assert.Contains(order, new[] { "AB", "BA" });
                        Assert.True(rewardIsA != (shownB == Collapse(chosen[key])), $"the reward's answer is not exactly one of the shown answers of {key}");
                        var pickReward = key.EndsWith("demo-story-park", StringComparison.Ordinal);
                        await annotate.Keyboard.PressAsync(rewardIsA == pickReward ? "1" : "2");
                        await annotate.Keyboard.PressAsync("Enter");
                        if (n == 0)
                            await Assertions.Expect(annotate.Locator("[data-testid=annotate-item]")).Not.ToHaveAttributeAsync("data-external-id", key);
                    }
                    await annotate.WaitForSelectorAsync("[data-testid=queue-empty]");
                }
                finally
                {
                    await annotatorContext.CloseAsync();
                }
            }
            await using (var db = AnnotationProjectSeed.Factory(server.DatabasePath).CreateDbContext())
            {
                var answers = await db.Annotations.AsNoTracking().Where(a => a.ProjectId == projectId).Select(a => a.AnswersJson).ToListAsync();
                Assert.Equal(4, answers.Count);
                Assert.All(answers, a => Assert.Matches("^(AB|BA)$", JsonDocument.Parse(a).RootElement.GetProperty("presentation").GetString()!));
            }

            // Humans (majority) against the reward: agreement on one of two items; κ = 0 whatever the stored orders.
            await page.GotoAsync($"/projects/{projectId}/agreement");
            await page.WaitForCircuitAsync();
            var row = page.Locator("[data-testid=judge-row][data-question=better]");
            await row.WaitForAsync();
            Assert.Contains("reward", await row.GetAttributeAsync("data-judge"));
            Assert.Equal("2", (await row.Locator("[data-testid=judge-majority-n]").InnerTextAsync()).Trim());
            Assert.Equal("0.000", (await row.Locator("[data-testid=judge-majority-kappa]").InnerTextAsync()).Trim());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("preference-agreement.png"), FullPage = true });
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("preference-data-failure.png"), FullPage = true });
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static string Collapse(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    private static Task Fill(IPage page, string testId, string value) =>
        page.FillAsync($"[data-testid={testId}] input, input[data-testid={testId}]", value);
}
