namespace ValueAlign.Core.Jobs;

/// <summary>
/// Estimates the time left from the rate of the current execution only: units finished before a
/// resume (or reused from a cache) came for free and would make the estimate far too optimistic.
/// </summary>
public sealed class EtaEstimator
{
    private int? startDone;
    private DateTime startTime;

    public void Start(int doneAtStart, DateTime now)
    {
        startDone = doneAtStart;
        startTime = now;
    }

    /// <summary>Units per second in this execution, or null before the first unit finished.</summary>
    public double? Rate(int done, DateTime now)
    {
        if (startDone is not { } first)
            return null;
        var units = done - first;
        var seconds = (now - startTime).TotalSeconds;
        return units <= 0 || seconds <= 0 ? null : units / seconds;
    }

    public TimeSpan? Remaining(int done, int total, DateTime now)
    {
        if (done >= total && total > 0)
            return TimeSpan.Zero;
        return Rate(done, now) is { } rate ? TimeSpan.FromSeconds((total - done) / rate) : null;
    }
}
