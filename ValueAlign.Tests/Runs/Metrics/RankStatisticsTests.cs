using ValueAlign.Core.Runs.Metrics;

namespace ValueAlign.Tests.Runs.Metrics;

public class RankStatisticsTests
{
    [Fact]
    public void Average_ranks_share_the_mean_rank_among_ties()
    {
        // Sorted: 10 (rank 1), 20, 20 (ranks 2 and 3 → 2.5 each), 30 (rank 4).
        Assert.Equal([2.5, 1, 4, 2.5], AverageRanks.Of([20, 10, 30, 20]));
    }

    [Fact]
    public void Spearman_of_a_monotone_pair_is_one_and_of_a_reversed_pair_minus_one()
    {
        Assert.Equal(1, SpearmanCorrelation.Of([1, 2, 3, 4], [10, 40, 90, 160]), 12);
        Assert.Equal(-1, SpearmanCorrelation.Of([1, 2, 3, 4], [4, 3, 2, 1]), 12);
    }

    [Fact]
    public void Spearman_with_ties_uses_pearson_on_average_ranks()
    {
        // x = [1, 2, 2, 3] → ranks [1, 2.5, 2.5, 4], mean 2.5, deviations [-1.5, 0, 0, 1.5].
        // y = [1, 3, 2, 4] → ranks [1, 3, 2, 4],   mean 2.5, deviations [-1.5, 0.5, -0.5, 1.5].
        // Σdxdy = 2.25 + 0 + 0 + 2.25 = 4.5; Σdx² = 4.5; Σdy² = 2.25+0.25+0.25+2.25 = 5.
        // ρ = 4.5 / sqrt(4.5 · 5) = 4.5 / 4.74342 = 0.948683.
        Assert.Equal(0.948683, SpearmanCorrelation.Of([1, 2, 2, 3], [1, 3, 2, 4]), 6);
    }

    [Fact]
    public void Spearman_of_a_constant_sample_is_undefined()
    {
        Assert.True(double.IsNaN(SpearmanCorrelation.Of([5, 5, 5], [1, 2, 3])));
    }

    [Fact]
    public void Spearman_rejects_samples_of_different_length()
    {
        var e = Assert.Throws<ArgumentException>(() => SpearmanCorrelation.Of([1, 2, 3], [1, 2]));
        Assert.Contains("3 vs 2", e.Message);
    }

    [Fact]
    public void Mean_absolute_error_averages_absolute_differences()
    {
        // |1-2| + |2-2| + |3-0| = 1 + 0 + 3 = 4; 4 / 3 = 1.3333.
        Assert.Equal(4.0 / 3, MeanAbsoluteError.Of([1, 2, 3], [2, 2, 0]), 12);
    }

    [Fact]
    public void Mean_absolute_error_rejects_empty_samples()
    {
        Assert.Throws<ArgumentException>(() => MeanAbsoluteError.Of([], []));
    }
}
