using ValueAlign.Core.Annotation.Agreement;

namespace ValueAlign.Tests.Annotation.Agreement;

public class CohensKappaTests
{
    private static IEnumerable<(string, string)> Repeat(string a, string b, int times) => Enumerable.Repeat((a, b), times);

    [Fact]
    public void Wikipedia_example_gives_kappa_0_4()
    {
        // 50 items: yes/yes 20, A yes B no 5, A no B yes 10, no/no 15.
        // p_o = 35/50 = 0.7; p_e = (25/50)(30/50) + (25/50)(20/50) = 0.5; κ = 0.2/0.5 = 0.4.
        var pairs = Repeat("yes", "yes", 20).Concat(Repeat("yes", "no", 5)).Concat(Repeat("no", "yes", 10)).Concat(Repeat("no", "no", 15));

        var result = CohensKappa.Compute(pairs);

        Assert.Equal(0.4, result.Kappa, 12);
        Assert.Equal(0.7, result.Observed, 12);
        Assert.Equal(0.5, result.Expected, 12);
        Assert.Equal(50, result.N);
        Assert.Equal(["no", "yes"], result.Matrix.Categories);
        Assert.Equal(20, result.Matrix.Count("yes", "yes"));
        Assert.Equal(5, result.Matrix.Count("yes", "no"));
        Assert.Equal(10, result.Matrix.Count("no", "yes"));
        Assert.Equal(15, result.Matrix.Count("no", "no"));
    }

    [Fact]
    public void Perfect_agreement_is_one()
    {
        var result = CohensKappa.Compute([("a", "a"), ("b", "b"), ("c", "c"), ("a", "a")]);
        Assert.Equal(1, result.Kappa, 12);
    }

    [Fact]
    public void Systematic_disagreement_is_minus_one()
    {
        // p_o = 0, p_e = 0.5·0.5 + 0.5·0.5 = 0.5, κ = −0.5/0.5.
        var result = CohensKappa.Compute([("yes", "no"), ("no", "yes"), ("yes", "no"), ("no", "yes")]);
        Assert.Equal(-1, result.Kappa, 12);
    }

    [Fact]
    public void Both_raters_using_one_category_is_undefined()
    {
        var result = CohensKappa.Compute([("yes", "yes"), ("yes", "yes")]);

        Assert.Equal(1, result.Observed);
        Assert.Equal(1, result.Expected);
        Assert.True(double.IsNaN(result.Kappa));
        Assert.True(double.IsNaN(CohensKappa.Compute([]).Kappa));
    }

    [Fact]
    public void Between_annotators_uses_only_items_both_labelled()
    {
        var data = ReliabilityData.FromAnnotatorRows(
        [
            ["a", "a", "b", "b", "a", null],
            ["a", "b", "b", "b", null, "b"],
            ["b", "b", "a", "a", "a", "a"],
        ]);

        var result = CohensKappa.Between(data, 0, 1);

        // Items 1–4: (a,a), (a,b), (b,b), (b,b): p_o = 3/4; p_e = (2/4)(1/4) + (2/4)(3/4) = 1/2; κ = 1/2.
        Assert.Equal(4, result.N);
        Assert.Equal(0.5, result.Kappa, 12);
    }

    [Fact]
    public void Pairwise_mean_averages_each_pair()
    {
        var data = ReliabilityData.FromAnnotatorRows(
        [
            ["a", "a", "b", "b"],
            ["a", "a", "b", "b"],
            ["b", "b", "a", "a"],
        ]);

        var result = PairwiseCohensKappa.Compute(data);

        // (1,2) agree fully: κ = 1; (1,3) and (2,3) always disagree with balanced marginals: κ = −1.
        Assert.Equal(3, result.PairsUsed);
        Assert.Equal(1, result.Pairs.Single(p => p is { First: "1", Second: "2" }).Result.Kappa, 12);
        Assert.Equal(-1, result.Pairs.Single(p => p is { First: "2", Second: "3" }).Result.Kappa, 12);
        Assert.Equal(-1.0 / 3, result.MeanKappa, 12);
    }

    [Fact]
    public void Confusion_matrix_keeps_given_category_order_and_rejects_unknown_labels()
    {
        var matrix = ConfusionMatrix.FromPairs([("low", "high"), ("mid", "mid")], ["low", "mid", "high"]);

        Assert.Equal(["low", "mid", "high"], matrix.Categories);
        Assert.Equal(1, matrix[0, 2]);
        Assert.Equal(1, matrix.RowTotal(1));
        Assert.Equal(1, matrix.ColumnTotal(2));
        Assert.Equal(2, matrix.Total);

        var error = Assert.Throws<ArgumentException>(() => ConfusionMatrix.FromPairs([("low", "huge")], ["low", "high"]));
        Assert.Contains("'huge'", error.Message);
    }
}
