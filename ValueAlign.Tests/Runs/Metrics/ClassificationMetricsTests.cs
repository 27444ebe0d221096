using ValueAlign.Core.Runs.Metrics;

namespace ValueAlign.Tests.Runs.Metrics;

public class ClassificationMetricsTests
{
    [Fact]
    public void Auc_counts_tied_pairs_as_one_half()
    {
        // Positives score {0.9, 0.5}, negatives {0.5, 0.1}. Pairs (pos, neg):
        // (0.9,0.5)=1, (0.9,0.1)=1, (0.5,0.5)=0.5, (0.5,0.1)=1 → 3.5 / 4 = 0.875.
        // Rank form: ranks 0.1→1, 0.5,0.5→2.5, 0.9→4; R₊ = 4 + 2.5 = 6.5; (6.5 − 3) / 4 = 0.875.
        var auc = RocAuc.Of([0.9, 0.5, 0.5, 0.1], [true, true, false, false]);
        Assert.Equal(0.875, auc, 12);
    }

    [Fact]
    public void Auc_is_one_for_perfect_separation_and_zero_for_inverted()
    {
        Assert.Equal(1, RocAuc.Of([0.2, 0.8], [false, true]), 12);
        Assert.Equal(0, RocAuc.Of([0.8, 0.2], [false, true]), 12);
    }

    [Fact]
    public void Auc_is_undefined_when_a_class_is_missing()
    {
        Assert.True(double.IsNaN(RocAuc.Of([0.2, 0.8], [true, true])));
    }

    [Fact]
    public void F1_precision_and_recall_at_half()
    {
        // Scores ≥ 0.5 predict 1: predictions [1, 1, 0, 1, 0] against labels [1, 0, 1, 1, 0]
        // → TP = 2, FP = 1, FN = 1, TN = 1. Precision 2/3, recall 2/3, F1 = 4 / (4+1+1) = 2/3.
        var c = BinaryConfusion.At([0.9, 0.5, 0.49, 0.7, 0.1], [true, false, true, true, false]);
        Assert.Equal(new BinaryConfusion(2, 1, 1, 1), c);
        Assert.Equal(2.0 / 3, c.Precision, 12);
        Assert.Equal(2.0 / 3, c.Recall, 12);
        Assert.Equal(2.0 / 3, c.F1, 12);
    }

    [Fact]
    public void F1_differs_from_precision_and_recall_when_they_differ()
    {
        // TP 1, FP 0, FN 3: precision 1, recall 0.25, F1 = 2/(2+0+3) = 0.4.
        var c = new BinaryConfusion(1, 0, 3, 0);
        Assert.Equal(1, c.Precision, 12);
        Assert.Equal(0.25, c.Recall, 12);
        Assert.Equal(0.4, c.F1, 12);
    }

    [Fact]
    public void Ratios_without_denominator_are_undefined()
    {
        var c = new BinaryConfusion(0, 0, 0, 4);
        Assert.True(double.IsNaN(c.Precision));
        Assert.True(double.IsNaN(c.Recall));
        Assert.True(double.IsNaN(c.F1));
    }
}
