using System.Collections.Concurrent;

namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// Round-by-round progress of running LongMab-PO items, for live pages: the method publishes each
/// item's trace after every round, keyed by run; a page subscribes to <see cref="Updated"/> and can
/// read the latest traces of a run it opens late. Memory only (stored results are the durable
/// record): the traces of the last <see cref="RunsKept"/> runs are kept.
/// </summary>
public sealed class LongMabLiveFeed
{
    public const int RunsKept = 8;

    private readonly ConcurrentDictionary<long, ConcurrentDictionary<string, LongMabTrace>> _runs = new();
    private readonly ConcurrentQueue<long> _order = new();

    /// <summary>Raised after each round of any item (run id, the item's trace so far). Handlers must be quick and must not throw.</summary>
    public event Action<long, LongMabTrace>? Updated;

    public void Publish(long runId, LongMabTrace trace)
    {
        var run = _runs.GetOrAdd(runId, id =>
        {
            _order.Enqueue(id);
            return new ConcurrentDictionary<string, LongMabTrace>(StringComparer.Ordinal);
        });
        run[trace.ItemKey] = trace;
        while (_order.Count > RunsKept && _order.TryDequeue(out var old))
        {
            _runs.TryRemove(old, out _);
        }
        Updated?.Invoke(runId, trace);
    }

    /// <summary>The latest trace of every item of the run seen by this process.</summary>
    public IReadOnlyList<LongMabTrace> Latest(long runId) =>
        _runs.TryGetValue(runId, out var run) ? [.. run.Values.OrderBy(t => t.ItemKey, StringComparer.Ordinal)] : [];
}
