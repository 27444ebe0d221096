using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Adjudication;
using ValueAlign.Core.Annotation.Agreement;
using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Judging;
using ValueAlign.Core.Annotation.Preference;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.LongMab;
using ValueAlign.Core.Methods.LongMab.Verification;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Methods.LongMab;

/// <summary>
/// Human verification of LongMab-PO pairs end to end in Core: a finished run's pairs become a
/// Preference project in one call, three annotators label (answers stored in the item's order,
/// the shown order recorded), the agreement report compares the humans with the reward, and the
/// export keeps only the pairs whose verified label is the reward's choice when asked.
/// </summary>
public sealed class PreferenceVerificationTests
{
    private static readonly ItemFilter DemoItems = new() { Benchmark = "hotpotqa", Kind = ItemKind.LongContextQa };

    private static ScriptedChatModel Model() => new()
    {
        Respond = (prompt, _) =>
            prompt.StartsWith("Question:", StringComparison.Ordinal) ? "probe"
            : prompt.Contains("designed by the engineer Marta Quell") ? "Answer: Marta Quell"
            : prompt.Contains("orchards of Harlow Vale") ? "Answer: Harlow Vale"
            : "Answer: I cannot tell",
        Embed = text => [text.Contains("Kerrow") ? 1 : 0.1f, text.Contains("Harlow") ? 1 : 0.1f, text.Length % 7 / 7f + 0.05f],
    };

    private static async Task<string> AddAnnotatorAsync(ValueAlignDbContext db, string email)
    {
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Name == "Annotator");
        if (role is null)
        {
            role = new IdentityRole("Annotator") { NormalizedName = "ANNOTATOR" };
            db.Roles.Add(role);
        }
        var user = new AppUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant() };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
        return user.Id;
    }

    private static AnnotationAnswers Better(string value, string presentation) => new()
    {
        Answers = new Dictionary<string, IReadOnlyList<string>> { [PreferenceSchema.BetterQuestion] = [value] },
        Presentation = presentation,
    };

    private static string Other(string label) => label == "a" ? "b" : "a";

    [Fact]
    public async Task Pairs_become_a_project_whose_labels_give_human_vs_reward_kappa_and_a_verified_only_export()
    {
        var model = Model();
        await using var bed = await EvalTestBed.CreateAsync(new ModelSwappingMethod(new LongMabMethod(new LongMabLiveFeed()), model));
        await bed.ImportDemoFileAsync("hotpotqa-demo.json");
        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, LongMabMethod.MethodId, DemoItems,
            """{"rounds":6,"chunksPerRound":2,"chunkTokens":120,"overlapSentences":1}""", Seed: 5), "curator");
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        var factory = bed.Services.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>();
        var clock = TimeProvider.System;
        var projects = new VerificationProjectService(factory, clock);
        var service = new PreferenceVerificationService(factory, bed.Runs, projects, new ProjectMembershipService(factory, clock), clock);
        string[] annotators;
        await using (var db = await factory.CreateDbContextAsync())
            annotators = [await AddAnnotatorAsync(db, "ann1@example.org"), await AddAnnotatorAsync(db, "ann2@example.org"), await AddAnnotatorAsync(db, "ann3@example.org")];

        Assert.All(await service.StatusAsync(run.Id), s => Assert.Equal(PairVerification.NotSent, s.Verification));
        var project = await service.CreateProjectAsync(run.Id, "curator", overlap: 3);
        Assert.Equal(project.Id, (await service.CreateProjectAsync(run.Id, "curator")).Id);
        Assert.Equal(PreferenceVerificationService.ProjectName(run.Id), project.Name);

        // The pair items: stored order drawn per item, the reward's choice named by Answer and given as a judge label.
        List<BenchmarkItem> items;
        await using (var db = await factory.CreateDbContextAsync())
        {
            items = await db.BenchmarkItems.AsNoTracking().Where(i => i.Benchmark == PreferencePairItem.BenchmarkOf(run.Id)).OrderBy(i => i.ExternalId).ToListAsync();
            Assert.Equal(["hotpotqa/demo-hotpot-lighthouse", "hotpotqa/demo-hotpot-orchards"], items.Select(i => i.ExternalId));
            var pairs = GeneratedPair.From(await bed.Runs.AllResultsAsync(run.Id));
            foreach (var (item, pair) in items.Zip(pairs))
            {
                var options = JsonOutput.ParseList(item.OptionsJson);
                var second = PreferencePairItem.ChosenSecond(run.Id, pair.ItemKey);
                Assert.Equal(second ? "B" : "A", item.Answer);
                Assert.Equal(pair.Pair.Chosen, options[second ? 1 : 0]);
                Assert.Equal(pair.Pair.Rejected, options[second ? 0 : 1]);
                Assert.Equal(ItemKind.PreferencePair, item.Kind);
            }
            var judged = await db.JudgeLabels.AsNoTracking().Where(j => j.EvalRunId == run.Id).OrderBy(j => j.BenchmarkItemId).ToListAsync();
            Assert.Equal(items.Select(PreferencePairItem.RewardLabel), judged.Select(j => j.Label));
            Assert.All(judged, j => Assert.Equal(PreferenceVerificationService.RewardJudge(run.Id), j.JudgeModel));
            Assert.Equal(3, await db.ProjectMembers.CountAsync(m => m.ProjectId == project.Id));
        }

        // Item 0: everyone agrees with the reward. Item 1: two of three prefer the other answer.
        var reward = items.ToDictionary(i => i.Id, PreferencePairItem.RewardLabel);
        var assignments = new AssignmentService(factory, clock);
        foreach (var (annotator, index) in annotators.Select((a, i) => (a, i)))
        {
            while (await assignments.NextAsync(project.Id, annotator) is { } next)
            {
                var label = next.ItemId == items[0].Id || index == 2 ? reward[next.ItemId] : Other(reward[next.ItemId]);
                await assignments.SubmitAsync(next.ReservationId, annotator, Better(label, PreferencePresentation.OrderFor(project.Id, annotator, next.ItemId)));
            }
        }
        await using (var db = await factory.CreateDbContextAsync())
        {
            var stored = await db.Annotations.AsNoTracking().Where(a => a.ProjectId == project.Id).ToListAsync();
            Assert.Equal(6, stored.Count);
            Assert.All(stored, a => Assert.Contains(JsonDocument.Parse(a.AnswersJson).RootElement.GetProperty("presentation").GetString(), new[] { "AB", "BA" }));
        }

        var agreement = await new ProjectAgreementService(factory, new JudgeLabelStore(factory, clock), new JudgeComparisonService(factory)).BuildAsync(project.Id, LabelDisclosure.Full);
        var versusReward = agreement!.Judges.Single(j => j.QuestionKey == PreferenceSchema.BetterQuestion);
        var expected = CohensKappa.Compute([(reward[items[0].Id], reward[items[0].Id]), (reward[items[1].Id], Other(reward[items[1].Id]))]);
        Assert.Equal(2, versusReward.VersusMajority!.N);
        Assert.Equal(0.5, versusReward.VersusMajority.Observed, 12);
        Assert.Equal(expected.Kappa, versusReward.VersusMajority.Kappa, 12);
        Assert.Equal(0, versusReward.N); // nothing verified yet

        // Verification: the unanimous item is accepted as is; the curator decides the disputed one against the reward.
        var adjudication = new AdjudicationService(factory, clock);
        await adjudication.AutoVerifyAsync(project.Id, "curator");
        var statuses = await service.StatusAsync(run.Id);
        Assert.Equal([PairVerification.Confirmed, PairVerification.Pending], statuses.Select(s => s.Verification));
        long disputed;
        await using (var db = await factory.CreateDbContextAsync())
            disputed = await db.ProjectItems.Where(p => p.ProjectId == project.Id && p.ItemId == items[1].Id).Select(p => p.Id).SingleAsync();
        await adjudication.DecideAsync(project.Id, disputed, new Dictionary<string, string> { [PreferenceSchema.BetterQuestion] = Other(reward[items[1].Id]) }, "curator");
        Assert.Equal([PairVerification.Confirmed, PairVerification.Overruled], (await service.StatusAsync(run.Id)).Select(s => s.Verification));

        using var folder = new TempDirectory();
        Assert.Equal(2, await service.ExportAsync(run.Id, folder.File("all.jsonl"), verifiedOnly: false, parquet: false));
        Assert.Equal(1, await service.ExportAsync(run.Id, folder.File("verified.jsonl"), verifiedOnly: true, parquet: false));
        var line = Assert.Single(await File.ReadAllLinesAsync(folder.File("verified.jsonl")));
        Assert.Contains("Kerrow Light", JsonDocument.Parse(line).RootElement.GetProperty("prompt").GetString());
        using var meta = JsonDocument.Parse(await File.ReadAllTextAsync(folder.File("verified.meta.json")));
        Assert.True(meta.RootElement.GetProperty("verified_only").GetBoolean());
        Assert.Equal(1, meta.RootElement.GetProperty("pairs").GetInt32());
        Assert.Equal(run.ConfigHash, meta.RootElement.GetProperty("config_hash").GetString());
    }

    [Fact]
    public void Display_schema_relabels_the_two_answers_in_the_shown_order_and_keeps_stored_values()
    {
        var schema = LabelSchemaTemplates.All[PreferenceSchema.TemplateName];
        Assert.Empty(schema.Validate());
        var asStored = PreferencePresentation.ForDisplay(schema, PreferencePresentation.AsStored).Question(PreferenceSchema.BetterQuestion)!;
        var swapped = PreferencePresentation.ForDisplay(schema, PreferencePresentation.Swapped).Question(PreferenceSchema.BetterQuestion)!;
        Assert.Equal([("a", "Answer A is better", "1"), ("b", "Answer B is better", "2"), ("tie", "Tie: equally good", "3"), ("both-wrong", "Both wrong", "4")],
            asStored.Options.Select(o => (o.Value, o.Label, o.Key)));
        // Shown swapped, "Answer A" on screen is the stored second answer: key 1 stores "b".
        Assert.Equal([("b", "Answer A is better", "1"), ("a", "Answer B is better", "2"), ("tie", "Tie: equally good", "3"), ("both-wrong", "Both wrong", "4")],
            swapped.Options.Select(o => (o.Value, o.Label, o.Key)));
        Assert.Equal([1, 0], PreferencePresentation.DisplayIndexes(PreferencePresentation.Swapped));

        // The order is stable for one annotator and item and varies across annotators.
        Assert.Equal(PreferencePresentation.OrderFor(3, "u1", 9), PreferencePresentation.OrderFor(3, "u1", 9));
        var orders = Enumerable.Range(0, 40).Select(n => PreferencePresentation.OrderFor(3, $"user-{n}", 9)).ToList();
        Assert.Contains(PreferencePresentation.AsStored, orders);
        Assert.Contains(PreferencePresentation.Swapped, orders);
    }
}
