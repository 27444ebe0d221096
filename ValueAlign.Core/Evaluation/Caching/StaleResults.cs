using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Evaluation.Caching;

/// <summary>
/// A run started or resumed after some of its items were changed (a re-import under the same id
/// while it was queued, cancelled or waiting): its configuration hash is brought up to the items'
/// content now, and its own stored results computed on an earlier content of their item are
/// removed, with the judge labels the run stored for those items, so resuming computes them
/// again instead of keeping a stale result. Results from before content keys (no key) are kept.
/// </summary>
public static class StaleResults
{
    /// <summary>Returns the number of results removed.</summary>
    public static async Task<int> RemoveAsync(
        IDbContextFactory<ValueAlignDbContext> dbFactory, EvalRun run, IReadOnlyDictionary<long, string> itemKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(itemKeys);
        if (string.IsNullOrEmpty(run.CacheKey) || run.CacheKey == run.ConfigHash)
            return 0; // a run from before content keys: nothing to compare with
        var current = EvalConfigHash.WithContent(run.CacheKey, ItemContentKeys.Digest(itemKeys));
        if (current == run.ConfigHash)
            return 0;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var stored = await db.EvalItemResults.AsNoTracking().Where(r => r.RunId == run.Id && r.ItemContentHash != null)
            .Select(r => new { r.Id, r.ItemId, r.ItemContentHash }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var stale = stored.Where(r => r.ItemContentHash != itemKeys.GetValueOrDefault(r.ItemId)).ToList();
        var staleIds = stale.Select(r => r.Id).ToList();
        var staleItems = stale.Select(r => r.ItemId).Distinct().ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in staleIds.Chunk(500))
            await db.EvalItemResults.Where(r => chunk.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in staleItems.Chunk(500))
            await db.JudgeLabels.Where(l => l.EvalRunId == run.Id && chunk.Contains(l.BenchmarkItemId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.EvalRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ConfigHash, current), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        run.ConfigHash = current;
        return staleIds.Count;
    }
}
