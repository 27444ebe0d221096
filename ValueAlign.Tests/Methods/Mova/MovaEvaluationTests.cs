using ValueAlign.Core.Methods.Mova;

namespace ValueAlign.Tests.Methods.Mova;

public class MovaEvaluationTests
{
    // Four texts over dimensions A, B, C.
    //        scores (A, B, C)   labels (A, B, C)
    //   t1   0.9 0.2 0.6        1 0 0
    //   t2   0.4 0.7 0.6        0 1 0
    //   t3   0.6 0.1 0.3        1 0 0
    //   t4   0.2 0.8 0.1        0 0 0
    private static readonly IReadOnlyList<double>[] Scores = [[0.9, 0.2, 0.6], [0.4, 0.7, 0.6], [0.6, 0.1, 0.3], [0.2, 0.8, 0.1]];
    private static readonly IReadOnlyList<bool>[] Labels = [[true, false, false], [false, true, false], [true, false, false], [false, false, false]];

    [Fact]
    public void Per_dimension_auc_and_f1_match_hand_computation()
    {
        var e = MovaEvaluation.Of(["A", "B", "C"], Scores, Labels);
        var (a, b, c) = (e.PerDimension[0], e.PerDimension[1], e.PerDimension[2]);

        // A: positives {0.9, 0.6} all above negatives {0.4, 0.2} → AUC 1.
        //    Predicted (≥ 0.5) t1, t3 = the positives → TP 2, FP 0, FN 0 → F1 1.
        Assert.Equal(1, a.Auc, 12);
        Assert.Equal(1, a.F1, 12);
        // B: positive 0.7 vs negatives 0.2, 0.1, 0.8 → wins 2 of 3 → AUC 2/3.
        //    Predicted t2, t4 → TP 1, FP 1, FN 0 → precision 1/2, recall 1, F1 = 2/(2+1) = 2/3.
        Assert.Equal(2.0 / 3, b.Auc, 12);
        Assert.Equal(0.5, b.Precision, 12);
        Assert.Equal(1, b.Recall, 12);
        Assert.Equal(2.0 / 3, b.F1, 12);
        // C: no positives → AUC undefined. Predicted t1, t2 → FP 2 → precision 0, recall undefined, F1 = 0/2 = 0.
        Assert.Equal(0, c.Positives);
        Assert.True(double.IsNaN(c.Auc));
        Assert.Equal(0, c.F1, 12);
        Assert.True(double.IsNaN(c.Recall));
    }

    [Fact]
    public void Macro_averages_skip_undefined_dimensions()
    {
        var e = MovaEvaluation.Of(["A", "B", "C"], Scores, Labels);
        // AUC over A, B: (1 + 2/3)/2 = 5/6; C skipped.
        Assert.Equal(5.0 / 6, e.MacroAuc.Value, 12);
        Assert.Equal((2, 1), (e.MacroAuc.Dimensions, e.MacroAuc.Skipped));
        // F1 over all three: (1 + 2/3 + 0)/3 = 5/9. Precision (1 + 0.5 + 0)/3 = 0.5. Recall (1 + 1)/2 = 1.
        Assert.Equal(5.0 / 9, e.MacroF1.Value, 12);
        Assert.Equal(0.5, e.MacroPrecision.Value, 12);
        Assert.Equal(1, e.MacroRecall.Value, 12);
        Assert.Equal(1, e.MacroRecall.Skipped);
    }

    [Fact]
    public void Rows_of_the_wrong_width_are_rejected_naming_the_text()
    {
        var ex = Assert.Throws<ArgumentException>(() => MovaEvaluation.Of(["A", "B"], [[0.1, 0.2], [0.3]], [[true, false], [true, false]]));
        Assert.Contains("Text 1", ex.Message);
    }

    [Fact]
    public void Binary_softmax_of_two_logits()
    {
        // Equal logits → 1/2. l0 = 1, l1 = 3 → 1/(1 + e^−2) = 1/1.135335 = 0.880797.
        Assert.Equal(0.5, BinarySoftmax.ProbabilityOfOne(2, 2), 12);
        Assert.Equal(0.880797, BinarySoftmax.ProbabilityOfOne(1, 3), 6);
        // Extreme differences saturate instead of overflowing to NaN.
        Assert.Equal(0, BinarySoftmax.ProbabilityOfOne(1000, 0), 12);
        Assert.Equal(1, BinarySoftmax.ProbabilityOfOne(0, 1000), 12);
    }

    [Fact]
    public void Item_to_dimension_precision_and_top_one()
    {
        // i1 [0.8, 0.6, 0.1] meant 0: predicted {0, 1}, intended among them; argmax 0 ✓.
        // i2 [0.3, 0.4, 0.2] meant 2: predicted {}; argmax 1 ✗.
        // i3 [0.1, 0.2, 0.9] meant 2: predicted {2}; argmax 2 ✓.
        // Precision = (1 + 0 + 1) / (2 + 0 + 1) = 2/3; top-1 = 2/3.
        var check = ItemDimensionCheck.Of(
        [
            ([0.8, 0.6, 0.1], 0),
            ([0.3, 0.4, 0.2], 2),
            ([0.1, 0.2, 0.9], 2),
        ]);
        Assert.Equal(new ItemDimensionCheck(3, 3, 2, 2), check);
        Assert.Equal(2.0 / 3, check.Precision, 12);
        Assert.Equal(2.0 / 3, check.TopOneAccuracy, 12);
    }
}
