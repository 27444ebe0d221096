using ValueAlign.Core.Runs.Metrics;

namespace ValueAlign.Tests.Runs.Metrics;

public class ProportionIntervalTests
{
    [Fact]
    public void Wilson_for_8_of_10_matches_hand_computation()
    {
        // p = 0.8, z² = 3.8415, n = 10: denominator 1 + 0.38415 = 1.38415;
        // centre = (0.8 + 0.19207) / 1.38415 = 0.71674;
        // half = 1.95996 / 1.38415 · sqrt(0.016 + 0.0096037) = 1.41600 · 0.16001 = 0.22658;
        // interval = (0.4902, 0.9433).
        var ci = ProportionInterval.Wilson(8, 10);
        Assert.Equal(0.4902, ci.Low, 4);
        Assert.Equal(0.9433, ci.High, 4);
    }

    [Fact]
    public void Wilson_at_zero_successes_is_not_degenerate_like_Wald()
    {
        // k = 0: the lower bound is 0 and the upper bound is z²/(n + z²) = 3.8415 / 8.8415 = 0.4345,
        // whereas Wald would give the zero-width interval [0, 0].
        var ci = ProportionInterval.Wilson(0, 5);
        Assert.Equal(0, ci.Low, 10);
        Assert.Equal(0.4345, ci.High, 4);
    }

    [Fact]
    public void Wilson_at_all_successes_is_the_mirror_of_zero()
    {
        var ci = ProportionInterval.Wilson(5, 5);
        Assert.Equal(1 - 0.4345, ci.Low, 4);
        Assert.Equal(1, ci.High, 10);
    }

    [Fact]
    public void Wilson_with_no_trials_is_the_whole_unit_interval()
    {
        Assert.Equal(new ProportionInterval(0, 1), ProportionInterval.Wilson(0, 0));
    }

    [Fact]
    public void Wilson_rejects_more_successes_than_trials()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ProportionInterval.Wilson(11, 10));
        Assert.Contains("between 0 and 10", e.Message);
    }
}
