using ValueAlign.Core.Annotation.Adjudication;
using ValueAlign.Core.Annotation.Judging;

namespace ValueAlign.Tests.Annotation.Adjudication;

/// <summary>Judge labels inserted directly (as evaluation runs will) against verified human labels.</summary>
public class JudgeComparisonTests
{
    /// <summary>
    /// Ten items with (judge, human): (yes,yes)×4, (yes,no)×1, (no,yes)×2, (no,no)×3.
    /// By hand: p_o = 7/10 = 0.7; judge yes 5/10, human yes 6/10, so
    /// p_e = 0.5·0.6 + 0.5·0.4 = 0.5 and κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
    /// An eleventh item has only a judge label.
    /// </summary>
    private static async Task<AdjudicationScenario> JudgedAsync()
    {
        var s = await AdjudicationScenario.CreateAsync(items: 11, overlap: 1);
        string[] human = ["yes", "yes", "yes", "yes", "no", "yes", "yes", "no", "no", "no"];
        string[] judge = ["yes", "yes", "yes", "yes", "yes", "no", "no", "no", "no", "no"];
        // The curator decides items nobody labelled: allowed only once the queue is closed.
        await s.CloseQueueAsync();
        for (var i = 0; i < human.Length; i++)
        {
            await s.Adjudication.DecideAsync(s.Project.Id, await s.ProjectItemIdAsync(s.Items[i]),
                new Dictionary<string, string> { ["unanswerable"] = human[i] }, "curator");
        }
        var outside = (await s.Db.AddItemsAsync(1, benchmark: "elsewhere"))[0];
        var early = s.Db.Clock.GetUtcNow().UtcDateTime.AddHours(-1);
        var labels = judge.Select((label, i) => new JudgeLabel { BenchmarkItemId = s.Items[i], QuestionKey = "unanswerable", Label = label, JudgeModel = "judge-a", EvalRunId = 2 })
            .Append(new JudgeLabel { BenchmarkItemId = s.Items[10], QuestionKey = "unanswerable", Label = "no", JudgeModel = "judge-a" })
            // An older run said "no" on item 4; the later "yes" above counts.
            .Append(new JudgeLabel { BenchmarkItemId = s.Items[4], QuestionKey = "unanswerable", Label = "no", JudgeModel = "judge-a", EvalRunId = 1, CreatedAt = early })
            // Not in the project: ignored.
            .Append(new JudgeLabel { BenchmarkItemId = outside, QuestionKey = "unanswerable", Label = "yes", JudgeModel = "judge-a" })
            .Append(new JudgeLabel { BenchmarkItemId = s.Items[0], QuestionKey = "unanswerable", Label = "no", JudgeModel = "judge-b" });
        Assert.Equal(14, await s.Judges.AddAsync(labels));
        return s;
    }

    [Fact]
    public async Task Kappa_percent_agreement_and_confusion_match_the_hand_computed_values()
    {
        await using var s = await JudgedAsync();
        var comparison = await s.Comparisons.CompareAsync(s.Project.Id, "unanswerable", "judge-a");

        Assert.Equal(10, comparison.N);
        Assert.Equal(0.4, comparison.Kappa.Kappa, 12);
        Assert.Equal(0.7, comparison.PercentAgreement, 12);
        Assert.Equal(0.5, comparison.Kappa.Expected, 12);
        Assert.Equal(["no", "yes"], comparison.Confusion.Categories);
        Assert.Equal(4, comparison.Confusion.Count("yes", "yes"));
        Assert.Equal(1, comparison.Confusion.Count("yes", "no"));
        Assert.Equal(2, comparison.Confusion.Count("no", "yes"));
        Assert.Equal(3, comparison.Confusion.Count("no", "no"));
        Assert.Equal(1, comparison.JudgeOnlyItems);
        Assert.Equal(0, comparison.HumanOnlyItems);
    }

    [Fact]
    public async Task Each_judge_model_is_compared_on_its_own_and_shows_in_the_project_report()
    {
        await using var s = await JudgedAsync();
        Assert.Equal(["judge-a", "judge-b"], await s.Judges.JudgeModelsForProjectAsync(s.Project.Id));
        var b = await s.Comparisons.CompareAsync(s.Project.Id, "unanswerable", "judge-b");
        Assert.Equal((1L, 9), (b.N, b.HumanOnlyItems));
        Assert.Equal(0, b.Confusion.Count("no", "no"));

        var report = (await s.Agreement.BuildAsync(s.Project.Id, LabelDisclosure.Full))!;
        Assert.Equal(["judge-a", "judge-b"], report.Judges.Select(j => j.JudgeModel));
        Assert.Equal(0.4, report.Judges[0].Kappa.Kappa, 12);
    }

    [Fact]
    public async Task Labels_missing_a_field_are_refused_and_none_is_stored()
    {
        await using var s = await AdjudicationScenario.CreateAsync(items: 1, overlap: 1);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => s.Judges.AddAsync(
        [
            new JudgeLabel { BenchmarkItemId = s.Items[0], QuestionKey = "unanswerable", Label = "yes", JudgeModel = "m" },
            new JudgeLabel { BenchmarkItemId = s.Items[0], QuestionKey = "unanswerable", Label = "", JudgeModel = "m" },
        ]));
        Assert.Contains("Judge label 2", e.Message);
        Assert.Empty(await s.Judges.JudgeModelsForProjectAsync(s.Project.Id));
    }
}
