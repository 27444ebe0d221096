using ValueAlign.Core.Jobs;

namespace ValueAlign.Tests.Jobs;

public sealed class EtaEstimatorTests
{
    private static readonly DateTime T0 = new(2026, 11, 27, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Rate_counts_only_units_finished_in_this_execution()
    {
        var eta = new EtaEstimator();
        eta.Start(doneAtStart: 40, T0); // 40 units came from a previous attempt or the cache

        Assert.Null(eta.Rate(40, T0.AddSeconds(5)));
        Assert.Equal(2.0, eta.Rate(60, T0.AddSeconds(10)));
        // 40 left at 2 units/s.
        Assert.Equal(TimeSpan.FromSeconds(20), eta.Remaining(60, 100, T0.AddSeconds(10)));
    }

    [Fact]
    public void Remaining_is_unknown_before_progress_and_zero_when_done()
    {
        var eta = new EtaEstimator();
        Assert.Null(eta.Remaining(0, 10, T0));
        eta.Start(0, T0);
        Assert.Null(eta.Remaining(0, 10, T0.AddSeconds(3)));
        Assert.Equal(TimeSpan.Zero, eta.Remaining(10, 10, T0.AddSeconds(3)));
    }
}
