using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>
/// The rounds an optimisation run has stored so far (its <c>round-NN</c> unit results), so round r
/// can continue from round r − 1 however the run was interrupted.
/// </summary>
public sealed class OptimisationRoundStore(IDbContextFactory<ValueAlignDbContext> dbFactory)
{
    /// <summary>Stored results of rounds 1..<paramref name="before"/> − 1 in order; throws when one is missing or failed.</summary>
    public async Task<IReadOnlyList<EvalItemResult>> FinishedBeforeAsync(long runId, int before, CancellationToken cancellationToken)
    {
        var rounds = await AllAsync(runId, cancellationToken).ConfigureAwait(false);
        var earlier = rounds.Where(r => RoundUnits.Round(r.UnitKey) < before).ToList();
        for (var i = 0; i < before - 1; i++)
        {
            if (i >= earlier.Count || RoundUnits.Round(earlier[i].UnitKey) != i + 1)
                throw new OptimisationException($"Round {i + 1} of run {runId} is not stored; round {before} builds on it.");
            if (earlier[i].Error is { } error)
                throw new OptimisationException($"Round {i + 1} failed ({error}); round {before} cannot build on it. Start a new run.");
        }
        return earlier;
    }

    /// <summary>Every stored round result of the run, in round order.</summary>
    public async Task<IReadOnlyList<EvalItemResult>> AllAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var results = await db.EvalItemResults.AsNoTracking().Where(r => r.RunId == runId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return results.Where(r => RoundUnits.Round(r.UnitKey) is not null).OrderBy(r => RoundUnits.Round(r.UnitKey)).ToList();
    }
}
