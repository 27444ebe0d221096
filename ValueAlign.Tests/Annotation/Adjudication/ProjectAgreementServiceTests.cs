using ValueAlign.Core.Annotation.Adjudication;
namespace ValueAlign.Tests.Annotation.Adjudication;

/// <summary>The agreement report built from a project's stored annotations.</summary>
public class ProjectAgreementServiceTests
{
    /// <summary>
    /// Three items, annotators a, b, c answer "unanswerable": item 0 yes/yes/yes, item 1
    /// yes/yes/no (c dissents), item 2 no/no/no. Pairwise agreement per item: 1, 1/3, 1, mean 7/9.
    /// </summary>
    private static async Task<AdjudicationScenario> ScenarioAsync()
    {
        var s = await AdjudicationScenario.CreateAsync(items: 3, overlap: 3);
        await s.LabelAsync("a", id => AdjudicationScenario.Answers(id == s.Items[2] ? "no" : "yes"));
        await s.LabelAsync("b", id => AdjudicationScenario.Answers(id == s.Items[2] ? "no" : "yes"));
        await s.LabelAsync("c", id => AdjudicationScenario.Answers(id == s.Items[0] ? "yes" : "no"));
        return s;
    }

    [Fact]
    public async Task Per_question_statistics_come_from_the_stored_annotations_in_schema_order()
    {
        await using var s = await ScenarioAsync();
        var report = (await s.Agreement.BuildAsync(s.Project.Id, LabelDisclosure.Full))!;

        Assert.Equal(["unanswerable", "type", "reason-correct"], report.Report.Questions.Select(q => q.Question));
        var unanswerable = report.For("unanswerable")!;
        Assert.Equal(7.0 / 9.0, unanswerable.PercentAgreement.Value, 12);
        Assert.Equal((3, 3, 9), (unanswerable.Items, unanswerable.Annotators, unanswerable.Labels));
        Assert.NotNull(unanswerable.Fleiss);
        Assert.Equal(1.0, report.For("type")!.PercentAgreement.Value);
        Assert.Empty(report.Judges);
        Assert.Equal("c", report.NameOf("c"));
    }

    [Fact]
    public async Task Annotator_against_the_others_majority_counts_the_dissent()
    {
        await using var s = await ScenarioAsync();
        var report = (await s.Agreement.BuildAsync(s.Project.Id, LabelDisclosure.Full))!;
        var c = report.AnnotatorVsMajority("unanswerable", "c")!;

        Assert.Equal(["no", "yes"], c.Categories);
        Assert.Equal(1, c.Count("yes", "yes"));
        Assert.Equal(1, c.Count("no", "yes"));
        Assert.Equal(1, c.Count("no", "no"));
        Assert.Equal(3, c.Total);
        var agreement = report.For("unanswerable")!.AnnotatorsVsMajority.Single(a => a.Annotator == "c");
        Assert.Equal((3, 2), (agreement.ItemsCompared, agreement.Agreements));
        Assert.Null(report.AnnotatorVsMajority("unanswerable", "nobody"));
    }

    [Fact]
    public async Task A_missing_project_has_no_report()
    {
        await using var s = await AdjudicationScenario.CreateAsync(items: 1, overlap: 1);
        Assert.Null(await s.Agreement.BuildAsync(12345, LabelDisclosure.Full));
    }
}
