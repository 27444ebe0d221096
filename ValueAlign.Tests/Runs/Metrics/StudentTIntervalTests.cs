using ValueAlign.Core.Runs.Metrics;

namespace ValueAlign.Tests.Runs.Metrics;

public sealed class StudentTIntervalTests
{
    [Fact]
    public void Two_values_use_t_with_one_degree_of_freedom()
    {
        // s = √½, half = 12.706 · √½ / √2 = 6.353.
        var interval = MeanInterval.StudentT([1, 2]);
        Assert.Equal(1.5, interval.Mean);
        Assert.Equal(1.5 - 6.353, interval.Lower!.Value, 9);
        Assert.Equal(1.5 + 6.353, interval.Upper!.Value, 9);
    }

    [Fact]
    public void Four_values_by_hand()
    {
        // mean 5, s² = (9 + 1 + 1 + 9)/3 = 20/3, half = 3.182 · √(20/3) / 2 = 4.10796…
        var interval = MeanInterval.StudentT([2, 4, 6, 8]);
        Assert.Equal(5, interval.Mean);
        Assert.Equal(3.182 * Math.Sqrt(20.0 / 3) / 2, interval.Upper!.Value - 5, 12);
        Assert.Equal(4, interval.N);
    }

    [Fact]
    public void Small_samples_give_a_point_or_nothing()
    {
        Assert.Equal(new MeanInterval(null, null, null, 0), MeanInterval.StudentT([]));
        Assert.Equal(new MeanInterval(3, 3, 3, 1), MeanInterval.StudentT([3, double.NaN]));
    }

    [Theory]
    [InlineData(17, 2.110)]
    [InlineData(30, 2.042)]
    [InlineData(31, 2.0395)]
    [InlineData(60, 2.0003)]
    [InlineData(1000, 1.9623)]
    public void T_quantiles_match_the_tables(int degreesOfFreedom, double expected) =>
        Assert.Equal(expected, MeanInterval.TQuantile975(degreesOfFreedom), 3);
}
