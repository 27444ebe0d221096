using ValueAlign.Core.Annotation.Agreement;

namespace ValueAlign.Tests.Annotation.Agreement;

public class KrippendorffAlphaTests
{
    /// <summary>
    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
    /// 12 units, values 1–5, missing data. Published: nominal .743, ordinal .815, interval .849.
    /// </summary>
    private static ReliabilityData PublishedExample() => ReliabilityData.FromAnnotatorRows(
    [
        ["1", "2", "3", "3", "2", "1", "4", "1", "2", null, null, null],
        ["1", "2", "3", "3", "2", "2", "4", "1", "2", "5", null, "3"],
        [null, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", null],
        ["1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", null],
    ]);

    [Fact]
    public void Published_example_coincidence_matrix_matches_the_paper()
    {
        var o = CoincidenceMatrix.From(PublishedExample());

        // Unit 12 has a single value and is dropped; 40 pairable values remain.
        Assert.Equal(11, o.UnitsUsed);
        Assert.Equal(40, o.Total, 10);
        Assert.Equal([9.0, 13, 10, 5, 3], Enumerable.Range(0, 5).Select(c => Math.Round(o.Marginal(c), 10)));
        Assert.Equal(7, o[0, 0], 10);
        Assert.Equal(4.0 / 3, o[0, 1], 10);
        Assert.Equal(4.0 / 3, o[1, 0], 10);
        Assert.Equal(10, o[1, 1], 10);
        Assert.Equal(1.0 / 3, o[0, 2], 10);
        Assert.Equal(8, o[2, 2], 10);
        Assert.Equal(4, o[3, 3], 10);
        Assert.Equal(3, o[4, 4], 10);
        Assert.Equal(0, o[0, 4], 10);
    }

    [Fact]
    public void Published_example_nominal_alpha_is_0_743()
    {
        var result = KrippendorffAlpha.Compute(PublishedExample(), KrippendorffMetric.Nominal);

        // By hand: off-diagonal coincidences sum to 8, Σ_{c≠k} n_c n_k = 40² − (81+169+100+25+9) = 1216,
        // α = 1 − 39·8/1216 = 113/152.
        Assert.Equal(113.0 / 152, result.Alpha, 12);
        Assert.Equal(0.743, result.Alpha, 3);
        Assert.Equal(8.0 / 40, result.ObservedDisagreement, 12);
        Assert.Equal(40, result.PairableValues, 10);
    }

    [Fact]
    public void Published_example_interval_alpha_is_0_849()
    {
        var result = KrippendorffAlpha.Compute(PublishedExample(), KrippendorffMetric.Interval);

        // By hand: Σ o_ck (c−k)² = 52/3 and Σ n_c n_k (c−k)² = 4480, α = 1 − 39·(52/3)/4480 = 951/1120.
        Assert.Equal(951.0 / 1120, result.Alpha, 12);
        Assert.Equal(0.849, result.Alpha, 3);
    }

    [Fact]
    public void Published_example_ordinal_alpha_is_0_815()
    {
        var result = KrippendorffAlpha.Compute(PublishedExample(), KrippendorffMetric.Ordinal);

        // Exact value from the ordinal distances (Σ_{g=c..k} n_g − (n_c+n_k)/2)² on marginals 9,13,10,5,3.
        Assert.Equal(108577.0 / 133160, result.Alpha, 12);
        Assert.Equal(0.815, result.Alpha, 3);
    }

    [Fact]
    public void Ordinal_alpha_depends_only_on_rank_so_named_ordered_labels_give_the_same_value()
    {
        string[] names = ["none", "low", "mid", "high", "top"];
        var rows = PublishedExample();
        var renamed = ReliabilityData.FromLabels(
            Enumerable.Range(0, rows.Items.Count).SelectMany(item => Zip(rows, item, names)),
            labelOrder: names);

        Assert.Equal(108577.0 / 133160, KrippendorffAlpha.Compute(renamed, KrippendorffMetric.Ordinal).Alpha, 12);
        // Explicit orders are ranked 1..k, which here equal the original numbers.
        Assert.Equal(951.0 / 1120, KrippendorffAlpha.Compute(renamed, KrippendorffMetric.Interval).Alpha, 12);
    }

    [Fact]
    public void Binary_two_observer_example_gives_0_095()
    {
        // Krippendorff (2011), section A: two observers, ten units, binary values.
        // o_01 = o_10 = 4, n_0 = 14, n_1 = 6, n = 20: α = 1 − 19·4/(14·6) = 2/21.
        var data = ReliabilityData.FromAnnotatorRows(
        [
            ["0", "1", "0", "0", "0", "0", "0", "0", "1", "0"],
            ["1", "1", "1", "0", "0", "1", "0", "0", "0", "0"],
        ]);

        Assert.Equal(2.0 / 21, KrippendorffAlpha.Compute(data, KrippendorffMetric.Nominal).Alpha, 12);
    }

    [Fact]
    public void Perfect_agreement_with_variation_is_one()
    {
        var data = ReliabilityData.FromAnnotatorRows(
        [
            ["a", "b", "c", "a"],
            ["a", "b", "c", "a"],
            ["a", "b", null, "a"],
        ]);

        var result = KrippendorffAlpha.Compute(data, KrippendorffMetric.Nominal);

        Assert.Equal(1, result.Alpha, 12);
        Assert.Equal(0, result.ObservedDisagreement);
    }

    [Fact]
    public void Systematic_disagreement_is_below_zero()
    {
        // Two coders who always disagree on two values: o_ab = o_ba = 4, n_a = n_b = 4, n = 8:
        // α = 1 − 7·8/(2·4·4) = −0.75.
        var data = ReliabilityData.FromAnnotatorRows([["a", "b", "a", "b"], ["b", "a", "b", "a"]]);

        Assert.Equal(-0.75, KrippendorffAlpha.Compute(data, KrippendorffMetric.Nominal).Alpha, 12);
    }

    [Fact]
    public void All_values_in_one_category_is_undefined_not_perfect()
    {
        // No variation: D_e = 0, α = 0/0. Krippendorff treats this as undefined; we return NaN.
        var data = ReliabilityData.FromAnnotatorRows([["3", "3", "3"], ["3", "3", "3"]]);

        foreach (var metric in Enum.GetValues<KrippendorffMetric>())
        {
            var result = KrippendorffAlpha.Compute(data, metric);
            Assert.True(double.IsNaN(result.Alpha), $"{metric}: {result.Alpha}");
            Assert.Equal(0, result.ExpectedDisagreement);
        }
    }

    [Fact]
    public void Missing_data_items_with_one_value_are_dropped()
    {
        // Items 3 and 4 have one value each and add nothing; with them gone this is the
        // binary perfect-agreement case on items 1–2.
        var data = ReliabilityData.FromAnnotatorRows(
        [
            ["x", "y", "x", null],
            ["x", "y", null, "y"],
        ]);

        var result = KrippendorffAlpha.Compute(data, KrippendorffMetric.Nominal);

        Assert.Equal(2, result.UnitsUsed);
        Assert.Equal(4, result.PairableValues, 12);
        Assert.Equal(1, result.Alpha, 12);
    }

    [Fact]
    public void No_pairable_values_is_undefined()
    {
        var data = ReliabilityData.FromAnnotatorRows([["x", null], [null, "y"]]);

        var result = KrippendorffAlpha.Compute(data, KrippendorffMetric.Nominal);

        Assert.Equal(0, result.UnitsUsed);
        Assert.True(double.IsNaN(result.Alpha));
    }

    [Fact]
    public void Ordinal_and_interval_refuse_nominal_labels()
    {
        var data = ReliabilityData.FromAnnotatorRows([["yes", "no"], ["no", "no"]]);

        var error = Assert.Throws<InvalidOperationException>(() => KrippendorffAlpha.Compute(data, KrippendorffMetric.Interval));
        Assert.Contains("ordered labels", error.Message);
    }

    private static IEnumerable<(string, string, string)> Zip(ReliabilityData data, int item, string[] names)
    {
        var annotators = data.AnnotatorsOf(item).ToArray();
        var categories = data.CategoriesOf(item).ToArray();
        return annotators.Select((a, j) => (data.Items[item], data.Annotators[a], names[categories[j]]));
    }
}
