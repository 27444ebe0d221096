using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Methods.Irote;
using ValueAlign.Core.Methods.Picaco;

namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>
/// Reads an optimisation run as it stands (finished, running or cancelled): the run and its
/// rounds as a <see cref="PicacoDocument"/> or an <see cref="IroteDocument"/>. For the live page
/// and the CLI's JSON output.
/// </summary>
public sealed class OptimisationRunReader(IDbContextFactory<ValueAlignDbContext> dbFactory, PicacoMethod picaco, IroteMethod irote)
{
    public async Task<OptimisationView?> ReadAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var run = await db.EvalRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken).ConfigureAwait(false);
        if (run is null || run.Method is not (PicacoMethod.MethodId or IroteMethod.MethodId)) return null;
        var items = await BenchmarkQuery.Filtered(db, ItemFilterJson.Deserialize(run.ItemFilterJson)).Include(i => i.Labels).AsNoTracking()
            .ToDictionaryAsync(i => i.Id, cancellationToken).ConfigureAwait(false);
        var results = await db.EvalItemResults.AsNoTracking().Where(r => r.RunId == runId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return run.Method == PicacoMethod.MethodId
            ? new OptimisationView(run, picaco.Document(run, items, results), null)
            : new OptimisationView(run, null, irote.Document(run, items, results));
    }
}

/// <summary>An optimisation run with its rounds so far; exactly one of the documents is set.</summary>
public sealed record OptimisationView(EvalRun Run, PicacoDocument? Picaco, IroteDocument? Irote)
{
    public int RoundsDone => Picaco?.Rounds.Count ?? Irote!.Rounds.Count;

    public int Rounds => Picaco?.Settings.Rounds ?? Irote!.Settings.Rounds;

    /// <summary>The best instruction (PICACO) or reflection (IROTE) so far.</summary>
    public string? Result => Picaco is not null ? Picaco.Instruction : Irote!.Reflection;

    public string? StopReason => Picaco is not null ? Picaco.StopReason : Irote!.StopReason;

    public string ToJson() => Picaco is not null ? OptimisationJson.Serialize(Picaco) : OptimisationJson.Serialize(Irote!);
}
