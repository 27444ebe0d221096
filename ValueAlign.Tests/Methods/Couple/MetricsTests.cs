using ValueAlign.Core.Methods.Couple;

namespace ValueAlign.Tests.Methods.Couple;

public sealed class MetricsTests
{
    [Fact]
    public void Deviation_is_the_sum_of_absolute_differences()
    {
        Assert.Equal(3.0, Deviation.Between([1, 2, 3], [2, 2, 5]), 12);
    }

    [Fact]
    public void Threshold_is_inclusive()
    {
        Assert.True(Deviation.MeetsObjective(3.0, 3.0));
        Assert.False(Deviation.MeetsObjective(3.0, 2.9));
    }

    [Fact]
    public void Mean_absolute_error_by_hand()
    {
        var metrics = AlignmentMetrics.Between([1, 2, 3], [2, 2, 5]);
        Assert.Equal(1.0, metrics.MeanAbsoluteError, 12);
    }

    [Fact]
    public void Spearman_is_one_for_the_same_order_and_minus_one_for_the_reverse()
    {
        Assert.Equal(1.0, AlignmentMetrics.Between([1, 2, 3, 4], [10, 20, 30, 40]).Spearman, 12);
        Assert.Equal(-1.0, AlignmentMetrics.Between([1, 2, 3, 4], [4, 3, 2, 1]).Spearman, 12);
    }

    [Fact]
    public void Ties_take_average_ranks()
    {
        // ranks a = [1, 2.5, 2.5, 4], b = [1, 3, 2, 4]: cov 4.5, var 4.5 and 5 -> 4.5 / sqrt(22.5).
        Assert.Equal(4.5 / Math.Sqrt(22.5), AlignmentMetrics.Between([1, 2, 2, 3], [1, 3, 2, 4]).Spearman, 12);
    }

    [Fact]
    public void Spearman_is_NaN_for_a_constant_profile()
    {
        Assert.True(double.IsNaN(AlignmentMetrics.Between([3, 3, 3], [1, 2, 3]).Spearman));
    }

    [Fact]
    public void Digit_distribution_gives_expectation_argmax_and_mass()
    {
        // Unnormalised 0.05, 0.1, 0.2, 0.1, 0.05 (mass 0.5) -> 0.1, 0.2, 0.4, 0.2, 0.1 -> expectation 3.
        var rating = DimensionRating.FromLogProbs("power", 4, [.. new[] { 0.05, 0.1, 0.2, 0.1, 0.05 }.Select(p => Math.Log(p))]);
        Assert.Equal(3.0, rating.Expectation, 12);
        Assert.Equal(3, rating.Argmax);
        Assert.Equal(4, rating.GeneratedDigit);
        Assert.Equal(0.5, rating.DigitMass!.Value, 12);
        Assert.Equal(0.4, rating.Probabilities![2], 12);
    }

    [Fact]
    public void Skewed_distribution_moves_the_expectation_off_the_argmax()
    {
        // p = 0.6 on 1 and 0.1 elsewhere: expectation 0.6 + 0.1 * (2 + 3 + 4 + 5) = 2.0.
        var rating = DimensionRating.FromLogProbs("power", 1, [.. new[] { 0.6, 0.1, 0.1, 0.1, 0.1 }.Select(p => Math.Log(p))]);
        Assert.Equal(2.0, rating.Expectation, 12);
        Assert.Equal(1, rating.Argmax);
    }
}
