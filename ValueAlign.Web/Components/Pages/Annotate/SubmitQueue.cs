using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Data;

namespace ValueAlign.Web.Components.Pages.Annotate;

/// <summary>
/// The annotate page's submit, durable and retried. A submit is written to the
/// <see cref="IPendingSubmitStore"/> before it is sent, and removed from it only once it is settled:
/// stored by the server, or refused (an <see cref="AssignmentException"/>, such as an expired hold,
/// or answers that no longer fit the schema), which no retry can change. Any other failure (the
/// database unreachable, a timeout) keeps the submit pending, records <see cref="Failure"/> and
/// retries it after <see cref="SubmitRetry"/>'s backoff until it succeeds; <see cref="RetryNowAsync"/>
/// retries at once. Resending is safe: the service stores one annotation per reservation.
/// </summary>
public sealed class SubmitQueue(
    Func<PendingSubmit, Task> send,
    IPendingSubmitStore store,
    SubmitRetry retry,
    TimeProvider clock,
    SubmitQueue.Callbacks callbacks) : IDisposable
{
    /// <summary>How the queue talks back to its page.</summary>
    /// <param name="Settled">A submit was stored (refusal null) or refused (the reason); nothing is pending any more.</param>
    /// <param name="Dispatch">Runs an automatic retry on the page's dispatcher (and re-renders after it).</param>
    /// <param name="Changed">The queue's visible state changed in the middle of a send ("Saving…").</param>
    public sealed record Callbacks(Func<PendingSubmit, Exception?, Task> Settled, Func<Func<Task>, Task> Dispatch, Action Changed);

    private CancellationTokenSource? _retryWait;
    private bool _disposed;

    /// <summary>The submit not yet settled; while it is set the answers on screen are read-only.</summary>
    public PendingSubmit? Pending { get; private set; }

    /// <summary>A send is in flight.</summary>
    public bool Saving { get; private set; }

    /// <summary>Why the last attempt failed (ending with a full stop), while the submit waits for a retry.</summary>
    public string? Failure { get; private set; }

    /// <summary>Automatic retries scheduled since the submit failed first (0 before any failure).</summary>
    public int Attempt { get; private set; }

    /// <summary>The wait before the scheduled automatic retry, null while sending or when none is scheduled.</summary>
    public TimeSpan? NextRetryIn { get; private set; }

    /// <summary>Keeps <paramref name="pending"/> in the store, then sends it.</summary>
    public async Task SubmitAsync(PendingSubmit pending)
    {
        if (Pending is not null)
        {
            throw new InvalidOperationException("A submit is already waiting to be saved; retry it before submitting another.");
        }
        Pending = pending;
        await store.WriteAsync(pending);
        await SendAsync();
    }

    /// <summary>Sends again a submit found in the store (from an earlier page), which is already kept there.</summary>
    public async Task RestoreAsync(PendingSubmit pending)
    {
        if (Pending is not null)
        {
            throw new InvalidOperationException("A submit is already waiting to be saved.");
        }
        Pending = pending;
        await SendAsync();
    }

    /// <summary>Sends the pending submit now instead of waiting for the scheduled retry.</summary>
    public async Task RetryNowAsync()
    {
        _retryWait?.Cancel();
        await SendAsync();
    }

    /// <summary>Refusals are final answers from the service; anything else may pass on a retry.</summary>
    public static bool IsRefusal(Exception e) => e is AssignmentException or LabelSchemaException;

    private async Task SendAsync()
    {
        if (Pending is not { } pending || Saving)
        {
            return;
        }
        Saving = true;
        NextRetryIn = null;
        callbacks.Changed();
        try
        {
            Exception? refusal = null;
            try
            {
                await send(pending);
            }
            catch (Exception e) when (IsRefusal(e))
            {
                refusal = e;
            }
            catch (Exception e) when (e is not OperationCanceledException || !_disposed)
            {
                Failure = DatabaseFailure.Describe(e).TrimEnd('.') + ".";
                ScheduleRetry();
                return;
            }
            await ClearAsync(pending);
            await callbacks.Settled(pending, refusal);
        }
        finally
        {
            Saving = false;
        }
    }

    private void ScheduleRetry()
    {
        Attempt++;
        var delay = retry.DelayBefore(Attempt);
        NextRetryIn = delay;
        _retryWait?.Cancel();
        _retryWait?.Dispose();
        _retryWait = new CancellationTokenSource();
        _ = RetryLaterAsync(delay, _retryWait.Token);
    }

    private async Task RetryLaterAsync(TimeSpan delay, CancellationToken token)
    {
        try
        {
            await Task.Delay(delay, clock, token);
            await callbacks.Dispatch(SendAsync);
        }
        catch (OperationCanceledException)
        {
            // A manual retry, a settled submit or leaving the page replaced this one.
        }
    }

    private async Task ClearAsync(PendingSubmit pending)
    {
        Pending = null;
        Failure = null;
        Attempt = 0;
        NextRetryIn = null;
        _retryWait?.Cancel();
        await store.RemoveAsync(pending);
    }

    public void Dispose()
    {
        _disposed = true;
        _retryWait?.Cancel();
        _retryWait?.Dispose();
        _retryWait = null;
    }
}
