using ValueAlign.Core.Methods.LongMab;

namespace ValueAlign.Web.Components.Pages.PreferenceData;

/// <summary>
/// Subscribes a page to one run's rounds on <see cref="LongMabLiveFeed"/> and hands it the latest
/// trace of each item at most every 250 ms (rounds of small models come faster than a browser
/// should redraw), the last round of an item at once.
/// </summary>
public sealed class LiveTraceUpdates : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly LongMabLiveFeed feed;
    private readonly long runId;
    private readonly Func<IReadOnlyList<LongMabTrace>, Task> apply;
    private readonly Dictionary<string, LongMabTrace> pending = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private bool scheduled;
    private bool disposed;

    public LiveTraceUpdates(LongMabLiveFeed feed, long runId, Func<IReadOnlyList<LongMabTrace>, Task> apply)
    {
        this.feed = feed;
        this.runId = runId;
        this.apply = apply;
        feed.Updated += OnUpdated;
    }

    private void OnUpdated(long run, LongMabTrace trace)
    {
        if (run != runId)
            return;
        lock (gate)
        {
            if (disposed)
                return;
            pending[trace.ItemKey] = trace;
            if (scheduled)
                return;
            scheduled = true;
        }
        _ = FlushAsync(trace.Finished ? TimeSpan.Zero : Interval);
    }

    private async Task FlushAsync(TimeSpan delay)
    {
        if (delay > TimeSpan.Zero)
            await Task.Delay(delay).ConfigureAwait(false);
        List<LongMabTrace> batch;
        lock (gate)
        {
            scheduled = false;
            if (disposed || pending.Count == 0)
                return;
            batch = [.. pending.Values];
            pending.Clear();
        }
        try
        {
            await apply(batch).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The page closed while a batch was on its way.
        }
    }

    public void Dispose()
    {
        lock (gate)
            disposed = true;
        feed.Updated -= OnUpdated;
    }
}
