using ValueAlign.Core.Jobs;

namespace ValueAlign.Web.Components.Pages.Runs;

/// <summary>
/// Subscribes a page to <see cref="JobQueue.Changed"/> and hands it the newest snapshot per job,
/// at most every quarter second per page (a fast run reports hundreds of units a second, and
/// every render crosses the circuit). Finished states always pass at once. Dispose unsubscribes.
/// </summary>
public sealed class JobUpdates : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly JobQueue queue;
    private readonly Func<IReadOnlyList<JobSnapshot>, Task> apply;
    private readonly Dictionary<long, JobSnapshot> pending = [];
    private readonly Lock gate = new();
    private bool scheduled;
    private bool disposed;

    public JobUpdates(JobQueue queue, Func<IReadOnlyList<JobSnapshot>, Task> apply)
    {
        this.queue = queue;
        this.apply = apply;
        queue.Changed += OnChanged;
    }

    private void OnChanged(JobSnapshot snapshot)
    {
        lock (gate)
        {
            if (disposed)
                return;
            pending[snapshot.Id] = snapshot;
            if (scheduled)
                return;
            scheduled = true;
        }
        _ = FlushAsync(snapshot.IsFinished ? TimeSpan.Zero : Interval);
    }

    private async Task FlushAsync(TimeSpan delay)
    {
        if (delay > TimeSpan.Zero)
            await Task.Delay(delay).ConfigureAwait(false);
        List<JobSnapshot> batch;
        lock (gate)
        {
            batch = [.. pending.Values];
            pending.Clear();
            scheduled = false;
            if (disposed)
                return;
        }
        await apply(batch).ConfigureAwait(false);
    }

    public void Dispose()
    {
        lock (gate)
            disposed = true;
        queue.Changed -= OnChanged;
    }
}
