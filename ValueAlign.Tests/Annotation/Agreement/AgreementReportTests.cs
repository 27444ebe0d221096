using ValueAlign.Core.Annotation.Agreement;

namespace ValueAlign.Tests.Annotation.Agreement;

public class AgreementReportTests
{
    private static AgreementReport Report() => AgreementReport.Compute(
        AgreementSamples.Rows("score", AgreementSamples.Krippendorff).Concat(AgreementSamples.Rows("correct", AgreementSamples.YesNo)));

    [Fact]
    public void Computes_every_statistic_per_question()
    {
        var report = Report();

        Assert.Equal(["correct", "score"], report.Questions.Select(q => q.Question));
        var correct = report.Questions[0];
        Assert.Equal((4, 3, 12), (correct.Items, correct.Annotators, correct.Labels));
        Assert.Equal(2.0 / 3, correct.PercentAgreement.Value, 12);
        Assert.Equal(1.0 / 3, correct.Fleiss!.Kappa, 12);
        Assert.Null(correct.FleissNotApplicable);
        Assert.Equal(7.0 / 18, correct.AlphaNominal.Alpha, 12);
        Assert.Null(correct.AlphaOrdinal);
        Assert.Null(correct.AlphaInterval);
        Assert.Equal(3, correct.PairwiseCohen.PairsUsed);
        Assert.Equal(0.4, correct.PairwiseCohen.MeanKappa, 12);
    }

    [Fact]
    public void Numeric_question_with_missing_data_gets_all_alphas_and_no_fleiss()
    {
        var score = Report().Questions[1];

        Assert.Equal((12, 4, 41), (score.Items, score.Annotators, score.Labels));
        Assert.Equal(9.0 / 11, score.PercentAgreement.Value, 12);
        Assert.Null(score.Fleiss);
        Assert.Equal("n/a: items have 1–4 labels", score.FleissNotApplicable);
        Assert.Equal(0.743, score.AlphaNominal.Alpha, 3);
        Assert.Equal(0.815, score.AlphaOrdinal!.Alpha, 3);
        Assert.Equal(0.849, score.AlphaInterval!.Alpha, 3);
        Assert.Equal(6, score.PairwiseCohen.PairsUsed);
        Assert.Equal(AgreementSamples.KrippendorffMeanCohen, score.PairwiseCohen.MeanKappa, 12);
    }

    [Fact]
    public void Majority_per_item_and_per_annotator_come_with_the_report()
    {
        var correct = Report().Questions[0];

        Assert.Equal(["y", "y", "n", "n"], correct.Majority.Select(m => m.Label));
        // Leave-one-out: coder A against B+C: item 1 y=y, item 2 tie, item 3 n=n, item 4 (n,n) vs y → 2 of 3.
        var coderA = correct.AnnotatorsVsMajority.Single(a => a.Annotator == "coder-A");
        Assert.Equal((3, 2), (coderA.ItemsCompared, coderA.Agreements));
    }

    [Fact]
    public void Explicit_label_order_enables_ordinal_alpha_for_text_labels()
    {
        var rows = AgreementSamples.Rows("likert", AgreementSamples.YesNo);

        var report = AgreementReport.Compute(rows, q => q == "likert" ? ["n", "y"] : null);

        // Two ordered categories: every metric reduces to the nominal one.
        var likert = Assert.Single(report.Questions);
        Assert.Equal(7.0 / 18, likert.AlphaOrdinal!.Alpha, 12);
        Assert.Equal(7.0 / 18, likert.AlphaInterval!.Alpha, 12);
    }
}
