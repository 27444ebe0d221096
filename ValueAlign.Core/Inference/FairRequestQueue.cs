namespace ValueAlign.Core.Inference;

/// <summary>
/// Lets one request at a time use a shared model, strictly first come, first served. A waiter
/// whose token is cancelled leaves the queue at once; closing the queue fails every waiter and
/// lets the running request finish.
/// </summary>
public sealed class FairRequestQueue
{
    private readonly object gate = new();
    private readonly LinkedList<TaskCompletionSource> waiters = new();
    private TaskCompletionSource? idle;
    private bool busy;
    private bool closed;

    public int Waiting
    {
        get
        {
            lock (gate)
            {
                return waiters.Count;
            }
        }
    }

    public bool Busy
    {
        get
        {
            lock (gate)
            {
                return busy;
            }
        }
    }

    /// <summary>Waits for this request's turn; dispose the returned lease to hand the model to the next one.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource turn;
        LinkedListNode<TaskCompletionSource> node;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(closed, this);
            if (!busy && waiters.Count == 0)
            {
                busy = true;
                return new Lease(this);
            }
            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = waiters.AddLast(turn);
        }
        await using (cancellationToken.Register(() => Abandon(node, cancellationToken)))
        {
            await turn.Task.ConfigureAwait(false);
        }
        return new Lease(this);
    }

    /// <summary>Refuses new requests, fails the queued ones and waits for the running one to finish.</summary>
    public Task CloseAsync()
    {
        List<TaskCompletionSource> dropped;
        lock (gate)
        {
            closed = true;
            dropped = [.. waiters];
            waiters.Clear();
            if (busy)
            {
                idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        foreach (var waiter in dropped)
        {
            waiter.TrySetException(new ObjectDisposedException(nameof(FairRequestQueue), "The model was unloaded while this request was waiting."));
        }
        return idle?.Task ?? Task.CompletedTask;
    }

    private void Abandon(LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (node.List is null)
            {
                return; // Already granted its turn (or dropped); the holder will see the cancellation.
            }
            waiters.Remove(node);
        }
        node.Value.TrySetCanceled(cancellationToken);
    }

    private void Release()
    {
        TaskCompletionSource? next = null;
        TaskCompletionSource? nowIdle = null;
        lock (gate)
        {
            if (waiters.First is { } first)
            {
                waiters.RemoveFirst();
                next = first.Value;
            }
            else
            {
                busy = false;
                nowIdle = idle;
            }
        }
        next?.TrySetResult();
        nowIdle?.TrySetResult();
    }

    private sealed class Lease(FairRequestQueue queue) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                queue.Release();
            }
        }
    }
}
