using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Adjudication;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Tests.Annotation.Adjudication;

/// <summary>The adjudication queue, decisions and automatic verification on a real SQLite file.</summary>
public class AdjudicationServiceTests
{
    /// <summary>
    /// Three items, overlap 2, annotators a and b: item 0 unanimous, item 1 split on
    /// "unanswerable" only, item 2 skipped by b so it has one label and is not judged yet.
    /// </summary>
    private static async Task<AdjudicationScenario> SplitScenarioAsync()
    {
        var s = await AdjudicationScenario.CreateAsync(items: 3, overlap: 2);
        await s.LabelAsync("a", _ => AdjudicationScenario.Answers("yes", comment: "a's note"));
        await s.LabelAsync("b", id => id == s.Items[2] ? null : AdjudicationScenario.Answers(id == s.Items[1] ? "no" : "yes", comment: "b differs in free text"));
        return s;
    }

    [Fact]
    public async Task Queue_holds_only_judged_items_with_a_disputed_question_and_shows_every_label_side_by_side()
    {
        await using var s = await SplitScenarioAsync();
        var queue = await s.Adjudication.QueueAsync(s.Project.Id);

        var item = Assert.Single(queue.Items);
        Assert.Equal(s.Items[1], item.BenchmarkItemId);
        Assert.Equal("demo-00002", item.ExternalId);
        // Free text ("comment") is never compared, so it is not in the queue even though it differs.
        Assert.Equal(["unanswerable", "type", "reason-correct"], item.Questions.Select(q => q.Question.Key));
        var unanswerable = item.Questions[0];
        Assert.True(unanswerable.Disputed);
        Assert.True(unanswerable.Open);
        Assert.Null(unanswerable.Majority);
        Assert.Equal([("a", "yes"), ("b", "no")], unanswerable.Labels.Select(l => (l.AnnotatorId, l.Label!)));
        Assert.False(item.Questions[1].Disputed);
        Assert.Equal("false-premises", item.Questions[1].Majority);
        Assert.Equal(2, queue.ReadyAt);
        Assert.Equal(new AdjudicationProgress(ReadyItems: 2, DisputedItems: 1, DecidedItems: 0), queue.Progress);
    }

    [Fact]
    public async Task A_decision_becomes_the_verified_label_with_who_when_and_the_source_annotations()
    {
        await using var s = await SplitScenarioAsync();
        var item = (await s.Adjudication.QueueAsync(s.Project.Id)).Items.Single();
        s.Db.Clock.Advance(TimeSpan.FromMinutes(5));

        var saved = await s.Adjudication.DecideAsync(s.Project.Id, item.ProjectItemId, new Dictionary<string, string> { ["unanswerable"] = "no" }, "curator-1");

        var label = Assert.Single(saved);
        Assert.Equal("no", label.Label);
        Assert.Equal("curator-1", label.DecidedBy);
        Assert.Equal(s.Db.Clock.GetUtcNow().UtcDateTime, label.DecidedAt);
        Assert.Equal(VerificationMethod.Adjudicated, label.Method);
        Assert.Equal(item.BenchmarkItemId, label.BenchmarkItemId);
        var sources = JsonSerializer.Deserialize<List<long>>(label.SourceAnnotationIdsJson)!;
        Assert.Equal(item.Questions[0].Labels.Select(l => l.AnnotationId).Order(), sources.Order());

        var after = await s.Adjudication.QueueAsync(s.Project.Id);
        Assert.Empty(after.Items);
        Assert.Equal(1, after.Progress.DecidedItems);
        Assert.Equal(0, after.Progress.PendingItems);
        var all = await s.Adjudication.QueueAsync(s.Project.Id, includeDecided: true);
        Assert.Equal("no", Assert.Single(all.Items).Questions[0].Verified!.Label);
        // Only the disputed question is verified; the others still wait for acceptance.
        Assert.Equal(VerificationStatus.NeedsReview, await s.StatusAsync(item.BenchmarkItemId));

        var view = Assert.Single(await s.Store.ForItemAsync(item.BenchmarkItemId, LabelDisclosure.Full));
        Assert.Equal("p", view.ProjectName);
        Assert.Equal("Is the question unanswerable from the image?", view.QuestionText);
        Assert.Equal("No", view.LabelText);
        Assert.Equal([("a", "yes"), ("b", "no")], view.Sources.Select(x => (x.Annotator, x.Label!)));
    }

    [Fact]
    public async Task Deciding_every_answered_question_verifies_the_item_and_deciding_again_replaces_the_label()
    {
        await using var s = await SplitScenarioAsync();
        var item = (await s.Adjudication.QueueAsync(s.Project.Id)).Items.Single();
        var decision = new Dictionary<string, string> { ["unanswerable"] = "yes", ["type"] = "false-premises", ["reason-correct"] = "yes" };
        await s.Adjudication.DecideAsync(s.Project.Id, item.ProjectItemId, decision, "curator-1");
        Assert.Equal(VerificationStatus.Verified, await s.StatusAsync(item.BenchmarkItemId));

        await s.Adjudication.DecideAsync(s.Project.Id, item.ProjectItemId, new Dictionary<string, string> { ["unanswerable"] = "unsure" }, "curator-2");
        var labels = await s.Adjudication.VerifiedLabelsAsync(s.Project.Id);
        Assert.Equal(3, labels.Count);
        var replaced = labels.Single(l => l.QuestionKey == "unanswerable");
        Assert.Equal(("unsure", "curator-2"), (replaced.Label, replaced.DecidedBy));

        await s.Adjudication.DecideAsync(s.Project.Id, item.ProjectItemId, new Dictionary<string, string>(), "curator-2", rejectItem: true);
        Assert.Equal(VerificationStatus.Rejected, await s.StatusAsync(item.BenchmarkItemId));
    }

    [Fact]
    public async Task Invalid_decisions_are_refused_with_every_problem_and_nothing_is_stored()
    {
        await using var s = await SplitScenarioAsync();
        var item = (await s.Adjudication.QueueAsync(s.Project.Id)).Items.Single();
        var e = await Assert.ThrowsAsync<AdjudicationException>(() => s.Adjudication.DecideAsync(s.Project.Id, item.ProjectItemId,
            new Dictionary<string, string> { ["unanswerable"] = "maybe", ["comment"] = "x", ["nope"] = "y" }, "curator"));
        Assert.Contains("'maybe' is not one of yes, no, unsure", e.Message);
        Assert.Contains("Question 'comment'", e.Message);
        Assert.Contains("Question 'nope'", e.Message);
        await Assert.ThrowsAsync<AdjudicationException>(() => s.Adjudication.DecideAsync(s.Project.Id, item.ProjectItemId,
            new Dictionary<string, string> { ["unanswerable"] = "no" }, " "));
        var wrongProject = await Assert.ThrowsAsync<AdjudicationException>(() => s.Adjudication.DecideAsync(999, item.ProjectItemId,
            new Dictionary<string, string> { ["unanswerable"] = "no" }, "curator"));
        Assert.Contains("999", wrongProject.Message);
        Assert.Empty(await s.Adjudication.VerifiedLabelsAsync(s.Project.Id));
        Assert.Equal(VerificationStatus.Unverified, await s.StatusAsync(item.BenchmarkItemId));
    }

    [Fact]
    public async Task Auto_verify_accepts_unanimous_questions_and_leaves_disputes_to_the_curator()
    {
        await using var s = await SplitScenarioAsync();
        var result = await s.Adjudication.AutoVerifyAsync(s.Project.Id, "curator-1");

        // Item 0: three unanimous questions; item 1: its two undisputed questions; item 2 is not judged.
        Assert.Equal(new AutoVerifyResult(Unanimous: 5, Majority: 0, ItemsVerified: 1), result);
        Assert.Equal(VerificationStatus.Verified, await s.StatusAsync(s.Items[0]));
        Assert.Equal(VerificationStatus.NeedsReview, await s.StatusAsync(s.Items[1]));
        Assert.Equal(VerificationStatus.Unverified, await s.StatusAsync(s.Items[2]));
        var labels = await s.Adjudication.VerifiedLabelsAsync(s.Project.Id);
        Assert.All(labels, l => Assert.Equal(VerificationMethod.Unanimous, l.Method));
        Assert.DoesNotContain(labels, l => l.BenchmarkItemId == s.Items[1] && l.QuestionKey == "unanswerable");
        Assert.Equal(2, JsonSerializer.Deserialize<List<long>>(labels[0].SourceAnnotationIdsJson)!.Count);

        // A second pass finds nothing new; the disputed question is still in the queue.
        Assert.Equal(new AutoVerifyResult(0, 0, 1), await s.Adjudication.AutoVerifyAsync(s.Project.Id, "curator-1"));
        var item = Assert.Single((await s.Adjudication.QueueAsync(s.Project.Id)).Items);
        await s.Adjudication.DecideAsync(s.Project.Id, item.ProjectItemId, new Dictionary<string, string> { ["unanswerable"] = "no" }, "curator-1");
        Assert.Equal(VerificationStatus.Verified, await s.StatusAsync(s.Items[1]));
    }

    [Fact]
    public async Task The_project_rule_decides_what_is_disputed_and_a_tolerated_split_is_accepted_by_majority()
    {
        await using var s = await AdjudicationScenario.CreateAsync(items: 2, overlap: 3);
        await s.LabelAsync("a", _ => AdjudicationScenario.Answers("yes"));
        await s.LabelAsync("b", _ => AdjudicationScenario.Answers("yes"));
        await s.LabelAsync("c", id => AdjudicationScenario.Answers(id == s.Items[0] ? "no" : "yes"));

        Assert.Equal(s.Items[0], Assert.Single((await s.Adjudication.QueueAsync(s.Project.Id)).Items).BenchmarkItemId);

        var tolerant = new DisagreementRule { Kind = DisagreementRuleKind.MajorityBelow, MajorityShare = 0.6 };
        await s.Adjudication.SetRuleAsync(s.Project.Id, tolerant);
        Assert.Equal(tolerant, await s.Adjudication.GetRuleAsync(s.Project.Id));
        Assert.Empty((await s.Adjudication.QueueAsync(s.Project.Id)).Items);

        var result = await s.Adjudication.AutoVerifyAsync(s.Project.Id, "curator");
        Assert.Equal(new AutoVerifyResult(Unanimous: 5, Majority: 1, ItemsVerified: 2), result);
        var majority = (await s.Adjudication.VerifiedLabelsAsync(s.Project.Id)).Single(l => l.Method == VerificationMethod.Majority);
        Assert.Equal((s.Items[0], "unanswerable", "yes"), (majority.BenchmarkItemId, majority.QuestionKey, majority.Label));

        // A stricter rule disputes the 2–1 split again; the full queue shows it with its accepted label.
        await s.Adjudication.SetRuleAsync(s.Project.Id, new DisagreementRule { Kind = DisagreementRuleKind.MinimumLabels, MinimumAgreeing = 3 });
        Assert.Equal(s.Items[0], Assert.Single((await s.Adjudication.QueueAsync(s.Project.Id, includeDecided: true)).Items).BenchmarkItemId);
        await Assert.ThrowsAsync<AdjudicationException>(() => s.Adjudication.SetRuleAsync(s.Project.Id, tolerant with { MajorityShare = 0.4 }));
    }

    [Fact]
    public async Task Items_enter_the_queue_only_after_reaching_the_ready_count()
    {
        await using var s = await AdjudicationScenario.CreateAsync(items: 1, overlap: 3);
        await s.LabelAsync("a", _ => AdjudicationScenario.Answers("yes"));
        await s.LabelAsync("b", _ => AdjudicationScenario.Answers("no"));
        Assert.Empty((await s.Adjudication.QueueAsync(s.Project.Id)).Items);
        await s.Adjudication.SetRuleAsync(s.Project.Id, new DisagreementRule { ReadyAtLabels = 2 });
        // Below the overlap nothing is judged while the queue is open (blind annotators must not see a consensus) ...
        Assert.Empty((await s.Adjudication.QueueAsync(s.Project.Id)).Items);
        var item = await s.ProjectItemIdAsync(s.Items[0]);
        var early = await Assert.ThrowsAsync<AdjudicationException>(() => s.Adjudication.DecideAsync(s.Project.Id, item, new Dictionary<string, string> { ["unanswerable"] = "no" }, "curator"));
        Assert.Contains("2 of 3 label(s)", early.Message);
        // ... and once the queue is closed the rule's ready count applies.
        await s.CloseQueueAsync();
        Assert.Single((await s.Adjudication.QueueAsync(s.Project.Id)).Items);
        await using var db = s.Db.Factory.CreateDbContext();
        Assert.Contains("\"readyAtLabels\":2", await db.VerificationProjects.Select(p => p.DisagreementRuleJson).SingleAsync());
    }
}
