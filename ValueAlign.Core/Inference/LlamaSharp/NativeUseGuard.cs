namespace ValueAlign.Core.Inference.LlamaSharp;

/// <summary>
/// Keeps a model's native memory alive while a call that runs outside the request queue (tokenize,
/// detokenize, template rendering) is using it. Each such call holds a <see cref="Lease"/>; unloading
/// first closes the guard (new calls fail with <see cref="ObjectDisposedException"/>) and then
/// waits for the leases in flight to end before anything is freed.
/// </summary>
internal sealed class NativeUseGuard(Type owner)
{
    private readonly object _gate = new();
    private int _active;
    private bool _closed;
    private TaskCompletionSource? _drained;

    public int Active
    {
        get
        {
            lock (_gate)
            {
                return _active;
            }
        }
    }

    /// <exception cref="ObjectDisposedException">The model is being, or has been, unloaded.</exception>
    public Lease Enter()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, owner);
            _active++;
        }
        return new Lease(this);
    }

    /// <summary>Refuses new leases and completes when the last lease in flight has ended.</summary>
    public Task CloseAsync()
    {
        lock (_gate)
        {
            _closed = true;
            if (_active == 0)
            {
                return Task.CompletedTask;
            }
            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }

    private void Exit()
    {
        lock (_gate)
        {
            _active--;
            if (_active == 0 && _closed)
            {
                _drained?.TrySetResult();
            }
        }
    }

    public readonly struct Lease(NativeUseGuard guard) : IDisposable
    {
        public void Dispose() => guard.Exit();
    }
}
