using ValueAlign.Core.Annotation.Agreement;

namespace ValueAlign.Tests.Annotation.Agreement;

public class PercentAgreementTests
{
    [Fact]
    public void Averages_pairwise_agreement_over_items_with_two_or_more_labels()
    {
        var data = ReliabilityData.FromAnnotatorRows(
        [
            ["a", "a", "a", "b"],
            ["a", "b", "b", null],
            ["a", "c", null, null],
        ]);

        var result = PercentAgreement.Compute(data);

        // Item 1: all 3 pairs agree → 1. Item 2: a,b,c → 0 of 3. Item 3: a,b → 0 of 1.
        // Item 4 has one label and is left out. Mean = 1/3.
        Assert.Equal(3, result.ItemsUsed);
        Assert.Equal(1.0 / 3, result.Value, 12);
    }

    [Fact]
    public void Partial_agreement_counts_agreeing_pairs()
    {
        // a,a,b,b: 2 agreeing pairs of 6 → 1/3. a,a,a,b: 3 of 6 → 1/2.
        var data = ReliabilityData.FromAnnotatorRows([["a", "a"], ["a", "a"], ["b", "a"], ["b", "b"]]);

        Assert.Equal((1.0 / 3 + 0.5) / 2, PercentAgreement.Compute(data).Value, 12);
    }

    [Fact]
    public void Single_category_agreement_is_one_and_no_pairs_is_undefined()
    {
        Assert.Equal(1, PercentAgreement.Compute(ReliabilityData.FromAnnotatorRows([["x", "x"], ["x", "x"]])).Value);

        var unpaired = PercentAgreement.Compute(ReliabilityData.FromAnnotatorRows([["x", null], [null, "y"]]));
        Assert.Equal(0, unpaired.ItemsUsed);
        Assert.True(double.IsNaN(unpaired.Value));
    }
}
