using ValueAlign.Core.Runs.Metrics;

namespace ValueAlign.Tests.Runs;

public sealed class MeanIntervalTests
{
    [Fact]
    public void Normal_interval_uses_the_sample_standard_deviation()
    {
        // 1, 2, 3: mean 2, s = 1, half width 1.96 / sqrt(3) = 1.1316.
        var m = MeanInterval.Of([1, 2, 3]);
        Assert.Equal(2, m.Mean);
        Assert.Equal(2 - 1.959963984540054 / Math.Sqrt(3), m.Lower!.Value, 12);
        Assert.Equal(2 + 1.959963984540054 / Math.Sqrt(3), m.Upper!.Value, 12);
        Assert.Equal(3, m.N);
    }

    [Fact]
    public void Non_finite_values_are_skipped_and_small_samples_degrade_gracefully()
    {
        Assert.Equal(new MeanInterval(4, 4, 4, 1), MeanInterval.Of([4, double.NaN]));
        Assert.Equal(new MeanInterval(null, null, null, 0), MeanInterval.Of([double.NaN]));
    }
}
