using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Evaluation.Artefacts;

/// <summary>
/// Reads and writes the typed artefacts of runs. The engine stages a method's artefacts together
/// with its report (<see cref="Stage"/>, one transaction); services that produce artefacts outside
/// a run's summary (an optimiser checkpointing its best instruction) use <see cref="SaveAsync"/>.
/// Writing an artefact under an existing name of the run replaces it, so re-summarising a resumed
/// run leaves one artefact per name.
/// </summary>
public sealed class RunArtefactStore(IDbContextFactory<ValueAlignDbContext> dbFactory, TimeProvider clock)
{
    public async Task<RunArtefactInfo> SaveAsync(long runId, RunArtefactDraft draft, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (!await db.EvalRuns.AnyAsync(r => r.Id == runId, cancellationToken).ConfigureAwait(false))
            throw new EvalRunException($"There is no run {runId}.");
        var stored = await StageAsync(db, runId, [draft], clock.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        return Info(stored[0]);
    }

    /// <summary>
    /// Adds the drafts to <paramref name="db"/> without saving, replacing artefacts of the run with
    /// the same names; the caller's SaveChanges writes them with whatever else it holds.
    /// </summary>
    internal static async Task<IReadOnlyList<RunArtefact>> StageAsync(ValueAlignDbContext db, long runId, IReadOnlyList<RunArtefactDraft> drafts, DateTime now, CancellationToken cancellationToken)
    {
        if (drafts.Count == 0)
            return [];
        foreach (var draft in drafts)
            draft.Validate();
        var duplicate = drafts.GroupBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two artefacts of run {runId} are named '{duplicate.Key}'.");
        var names = drafts.Select(d => d.Name).ToList();
        var replaced = await db.RunArtefacts.Where(a => a.RunId == runId && names.Contains(a.Name)).ToListAsync(cancellationToken).ConfigureAwait(false);
        db.RunArtefacts.RemoveRange(replaced);
        if (replaced.Count > 0)
            await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        var added = drafts.Select(d => new RunArtefact
        {
            RunId = runId,
            Name = d.Name,
            Kind = d.Kind,
            MediaType = d.MediaType,
            FileName = d.FileName,
            Description = d.Description.Length > 1000 ? d.Description[..1000] : d.Description,
            Content = d.Content,
            SizeBytes = d.Content.LongLength,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(d.Content)),
            CreatedAt = now,
        }).ToList();
        db.RunArtefacts.AddRange(added);
        return added;
    }

    /// <summary>The run's artefacts (without content), by name.</summary>
    public async Task<IReadOnlyList<RunArtefactInfo>> ListAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await Project(db.RunArtefacts.AsNoTracking().Where(a => a.RunId == runId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The newest artefacts of a kind over all runs (for pickers such as "system prompt from an optimisation run").</summary>
    public async Task<IReadOnlyList<RunArtefactInfo>> ListByKindAsync(ArtefactKind kind, int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await Project(db.RunArtefacts.AsNoTracking().Where(a => a.Kind == kind).OrderByDescending(a => a.Id).Take(Math.Clamp(take, 1, 1000)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The artefact with its content; null when the run has none of that name.</summary>
    public async Task<RunArtefact?> GetAsync(long runId, string name, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.RunArtefacts.AsNoTracking().FirstOrDefaultAsync(a => a.RunId == runId && a.Name == name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The artefact with its content by id; null when there is none.</summary>
    public async Task<RunArtefact?> GetAsync(long artefactId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.RunArtefacts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == artefactId, cancellationToken).ConfigureAwait(false);
    }

    private static IQueryable<RunArtefactInfo> Project(IQueryable<RunArtefact> artefacts) =>
        artefacts.Select(a => new RunArtefactInfo(a.Id, a.RunId, a.Name, a.Kind, a.MediaType, a.FileName, a.Description, a.SizeBytes, a.Sha256, a.CreatedAt));

    private static RunArtefactInfo Info(RunArtefact a) => new(a.Id, a.RunId, a.Name, a.Kind, a.MediaType, a.FileName, a.Description, a.SizeBytes, a.Sha256, a.CreatedAt);
}
