using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;
using ValueAlign.Tests.Annotation.Adjudication;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.E2E;

/// <summary>
/// In a real browser: two annotators' labels split on one item; the curator decides it with the
/// keyboard on the adjudication page, the agreement page draws its charts, and the JSONL export
/// carries the verified label with the curator as decider.
/// </summary>
public sealed class AdjudicationFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "curator-password-1";

    [Fact]
    public async Task Curator_adjudicates_a_split_item_with_the_keyboard_and_the_export_carries_the_verified_label()
    {
        await using var server = await WorkbenchServer.StartAsync();
        await using (var services = WorkbenchServices.ForSqliteFile(server.DatabasePath))
        {
            Assert.True((await services.AddUserAsync("curator@example.org", Password, Roles.Curator)).Succeeded);
        }
        var factory = new ValueAlignDbContextFactory(new DatabaseOptions { ConnectionString = $"Data Source={server.DatabasePath};Pooling=False" }, RepositoryRoot.Path);
        var projectId = await SeedSplitProjectAsync(factory);

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) => console.Add($"{m.Type}: {m.Text}");
        try
        {
            await page.GotoAsync($"/account/login?returnUrl=%2Fprojects%2F{projectId}%2Fadjudication");
            await page.FillAsync("input[name=Email]", "curator@example.org");
            await page.FillAsync("input[name=Password]", Password);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync($"**/projects/{projectId}/adjudication");
            await page.WaitForCircuitAsync();
            await page.WaitForSelectorAsync("[data-testid=adjudication-item][data-external-id='e2e-2']");
            Assert.Contains("0 of 1 disputed item(s) decided", await page.InnerTextAsync("[data-testid=queue-progress]"));
            await page.ClickAsync("[data-testid=adjudication-text]");
            await page.Keyboard.PressAsync("2");
            await page.WaitForSelectorAsync("[data-question=unanswerable] [data-testid=choice][data-value=no][data-chosen=true]");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("adjudication.png") });
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForSelectorAsync("[data-testid=queue-empty]");
            Assert.Contains("1 of 1 disputed item(s) decided", await page.InnerTextAsync("[data-testid=queue-progress]"));

            await using (var db = factory.CreateDbContext())
            {
                var curatorId = await db.Users.Where(u => u.Email == "curator@example.org").Select(u => u.Id).SingleAsync();
                var label = await db.VerifiedLabels.SingleAsync(l => l.QuestionKey == "unanswerable");
                Assert.Equal(("no", curatorId), (label.Label, label.DecidedBy));
            }

            await page.GotoAsync($"/projects/{projectId}/agreement");
            await page.WaitForCircuitAsync();
            await page.WaitForSelectorAsync("[data-testid=question-row][data-question=unanswerable]");
            // Plotly drew the bar chart and the heatmap (plotly.js is large: allow for a loaded machine).
            await page.WaitForSelectorAsync("[data-testid=question-chart] .main-svg", new PageWaitForSelectorOptions { Timeout = 60_000 });
            await page.WaitForSelectorAsync("[data-testid=annotator-confusion] .main-svg", new PageWaitForSelectorOptions { Timeout = 60_000 });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("agreement.png"), FullPage = true });

            var export = await context.APIRequest.GetAsync("/benchmarks/export?format=jsonl&benchmark=adj-e2e");
            Assert.Equal(200, export.Status);
            var rows = (await export.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var decided = rows.Single(r => r.GetProperty("external_id").GetString() == "e2e-2");
            var verified = decided.GetProperty("verified_labels").EnumerateArray().Single(v => v.GetProperty("question").GetString() == "unanswerable");
            Assert.Equal("no", verified.GetProperty("label").GetString());
            Assert.Equal("curator@example.org", verified.GetProperty("decided_by").GetString());
            Assert.Equal("Verified", decided.GetProperty("verification_status").GetString());
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ArtifactPath("adjudication-failure.png"), FullPage = true });
            await File.WriteAllTextAsync(BrowserFixture.ArtifactPath("adjudication-failure-server.log"), server.Log);
            await File.WriteAllTextAsync(BrowserFixture.ArtifactPath("adjudication-failure.html"), await page.ContentAsync());
            await File.WriteAllLinesAsync(BrowserFixture.ArtifactPath("adjudication-failure-console.log"), console);
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Two items; annotators agree on e2e-1 and split on "unanswerable" of e2e-2.</summary>
    private static async Task<long> SeedSplitProjectAsync(ValueAlignDbContextFactory factory)
    {
        await using (var db = factory.CreateDbContext())
        {
            db.BenchmarkItems.AddRange(Enumerable.Range(1, 2).Select(n => new BenchmarkItem
            {
                Benchmark = "adj-e2e", ExternalId = $"e2e-{n}", Kind = ItemKind.CultureMultipleChoice,
                Text = $"E2E question {n}", SourceFormat = "test", SourceRecord = "{}",
            }));
            await db.SaveChangesAsync();
        }
        var project = await new VerificationProjectService(factory, TimeProvider.System).CreateAsync(new NewProject
        {
            Name = "E2E adjudication", Filter = new ItemFilter { Benchmark = "adj-e2e" }, Schema = LabelSchemaTemplates.Honesty(),
            Overlap = 2, CreatedBy = "seed",
        });
        await using (var db = factory.CreateDbContext())
        {
            // Only members get a queue; these annotators are ids, not accounts, so they are added directly.
            db.ProjectMembers.AddRange(new[] { "annotator-a", "annotator-b" }.Select(id => new Core.Annotation.Model.ProjectMember { ProjectId = project.Id, UserId = id, AddedAt = DateTime.UtcNow }));
            await db.SaveChangesAsync();
        }
        var assignments = new AssignmentService(factory, TimeProvider.System);
        foreach (var annotator in new[] { "annotator-a", "annotator-b" })
        {
            while (await assignments.NextAsync(project.Id, annotator) is { } next)
            {
                var external = await ExternalIdAsync(factory, next.ItemId);
                var split = annotator == "annotator-b" && external == "e2e-2";
                await assignments.SubmitAsync(next.ReservationId, annotator, AdjudicationScenario.Answers(split ? "no" : "yes"));
            }
        }
        return project.Id;
    }

    private static async Task<string> ExternalIdAsync(ValueAlignDbContextFactory factory, long itemId)
    {
        await using var db = factory.CreateDbContext();
        return await db.BenchmarkItems.Where(i => i.Id == itemId).Select(i => i.ExternalId).SingleAsync();
    }
}
