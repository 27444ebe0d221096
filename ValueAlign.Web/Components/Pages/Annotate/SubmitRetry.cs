namespace ValueAlign.Web.Components.Pages.Annotate;

/// <summary>Waits between automatic retries of a failed submit: doubling from the first delay up to the cap, retrying until it succeeds.</summary>
public sealed record SubmitRetry(TimeSpan First, TimeSpan Max)
{
    public static SubmitRetry Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    /// <summary>The wait before automatic retry <paramref name="attempt"/> (1 = the first retry).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(Max.Ticks, First.Ticks * factor));
    }
}
