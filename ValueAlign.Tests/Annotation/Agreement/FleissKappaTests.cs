using ValueAlign.Core.Annotation.Agreement;

namespace ValueAlign.Tests.Annotation.Agreement;

public class FleissKappaTests
{
    /// <summary>Fleiss (1971) as worked on Wikipedia's "Fleiss' kappa" page: 10 subjects, 14 raters, 5 categories.</summary>
    private static readonly int[,] WorkedExample =
    {
        { 0, 0, 0, 0, 14 },
        { 0, 2, 6, 4, 2 },
        { 0, 0, 3, 5, 6 },
        { 0, 3, 9, 2, 0 },
        { 2, 2, 8, 1, 1 },
        { 7, 7, 0, 0, 0 },
        { 3, 2, 6, 3, 0 },
        { 2, 5, 3, 2, 2 },
        { 6, 5, 2, 1, 0 },
        { 0, 2, 2, 3, 7 },
    };

    [Fact]
    public void Worked_example_gives_published_kappa_and_parts()
    {
        var result = FleissKappa.Compute(WorkedExample);

        Assert.Equal(10, result.Items);
        Assert.Equal(14, result.RatersPerItem);
        // Column totals 20, 28, 39, 21, 32 over 140 ratings.
        Assert.Equal([20 / 140.0, 28 / 140.0, 39 / 140.0, 21 / 140.0, 32 / 140.0], result.CategoryProportions);
        Assert.Equal(0.143, result.CategoryProportions[0], 3);
        Assert.Equal(0.200, result.CategoryProportions[1], 3);
        Assert.Equal(0.279, result.CategoryProportions[2], 3);
        Assert.Equal(0.150, result.CategoryProportions[3], 3);
        Assert.Equal(0.229, result.CategoryProportions[4], 3);
        // P_2 = (0+4+36+16+4 − 14)/(14·13) = 46/182.
        Assert.Equal(1.0, result.ItemAgreement[0], 12);
        Assert.Equal(46.0 / 182, result.ItemAgreement[1], 12);
        Assert.Equal(0.253, result.ItemAgreement[1], 3);
        Assert.Equal(0.308, result.ItemAgreement[2], 3);
        Assert.Equal(0.440, result.ItemAgreement[3], 3);
        Assert.Equal(0.330, result.ItemAgreement[4], 3);
        Assert.Equal(0.462, result.ItemAgreement[5], 3);
        Assert.Equal(0.242, result.ItemAgreement[6], 3);
        Assert.Equal(0.176, result.ItemAgreement[7], 3);
        Assert.Equal(0.286, result.ItemAgreement[8], 3);
        Assert.Equal(0.286, result.ItemAgreement[9], 3);
        Assert.Equal(0.378, result.MeanAgreement, 3);
        // P̄e = (20²+28²+39²+21²+32²)/140² = 4170/19600.
        Assert.Equal(4170.0 / 19600, result.ExpectedAgreement, 12);
        Assert.Equal(0.213, result.ExpectedAgreement, 3);
        Assert.Equal(0.210, result.Kappa, 3);
    }

    [Fact]
    public void Differing_rater_counts_name_the_item()
    {
        var error = Assert.Throws<ArgumentException>(() => FleissKappa.Compute(new[,] { { 2, 1 }, { 3, 0 }, { 1, 1 } }));
        Assert.Contains("Item 3 has 2 ratings but item 1 has 3", error.Message);

        var data = ReliabilityData.FromLabels([("q1", "ann", "a"), ("q1", "bob", "a"), ("q2", "ann", "b")]);
        var named = Assert.Throws<ArgumentException>(() => FleissKappa.Compute(data));
        Assert.Contains("Item 'q2' has 1 rating but item 'q1' has 2 ratings", named.Message);
    }

    [Fact]
    public void One_rating_per_item_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => FleissKappa.Compute(new[,] { { 1, 0 }, { 0, 1 } }));
        Assert.Contains("at least two", error.Message);
    }

    [Fact]
    public void Perfect_agreement_is_one_and_a_single_category_is_undefined()
    {
        Assert.Equal(1, FleissKappa.Compute(new[,] { { 3, 0 }, { 0, 3 }, { 3, 0 } }).Kappa, 12);

        var single = FleissKappa.Compute(new[,] { { 3 }, { 3 } });
        Assert.Equal(1, single.MeanAgreement);
        Assert.Equal(1, single.ExpectedAgreement);
        Assert.True(double.IsNaN(single.Kappa));
    }

    [Fact]
    public void Reliability_data_gives_the_same_as_the_count_table()
    {
        // Three raters, four items, by hand: counts (3,0),(2,1),(0,3),(1,2);
        // P_i = 1, 1/3, 1, 1/3 → P̄ = 2/3; p = (6/12, 6/12) → P̄e = 1/2; κ = (2/3 − 1/2)/(1/2) = 1/3.
        var data = ReliabilityData.FromAnnotatorRows(
        [
            ["y", "y", "n", "y"],
            ["y", "y", "n", "n"],
            ["y", "n", "n", "n"],
        ]);

        var result = FleissKappa.Compute(data);

        Assert.Equal(1.0 / 3, result.Kappa, 12);
        Assert.Equal(2.0 / 3, result.MeanAgreement, 12);
        Assert.Equal(["n", "y"], result.Categories);
    }
}
