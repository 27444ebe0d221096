using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.LongMab;

/// <summary>A pair of a finished LongMab-PO run with the item it came from.</summary>
public sealed record GeneratedPair(long ItemId, string ItemKey, PreferencePair Pair)
{
    /// <summary>The pairs stored in a run's results, in item key order (items without a pair are skipped).</summary>
    public static IReadOnlyList<GeneratedPair> From(IEnumerable<EvalItemResult> results) =>
    [
        .. results.Where(r => r.Error is null)
            .Select(r => (r.ItemId, Trace: LongMabTraceJson.TryDeserialize(r.RawOutput)))
            .Where(x => x.Trace?.Pair is not null)
            .Select(x => new GeneratedPair(x.ItemId, x.Trace!.ItemKey, x.Trace.Pair!))
            .OrderBy(p => p.ItemKey, StringComparer.Ordinal),
    ];
}
