using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.LongMab;

/// <summary>The traces a LongMab-PO run has stored so far (finished items), by item key.</summary>
public static class LongMabRunTraces
{
    public static async Task<IReadOnlyList<LongMabTrace>> LoadAsync(EvalRunService runs, long runId, CancellationToken cancellationToken = default)
    {
        var results = await runs.AllResultsAsync(runId, cancellationToken).ConfigureAwait(false);
        return [.. results.Select(r => LongMabTraceJson.TryDeserialize(r.RawOutput)).Where(t => t is not null).Select(t => t!)
            .OrderBy(t => t.ItemKey, StringComparer.Ordinal)];
    }
}
