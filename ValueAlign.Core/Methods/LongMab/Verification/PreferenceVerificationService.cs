using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Judging;
using ValueAlign.Core.Annotation.Model;
using ValueAlign.Core.Annotation.Preference;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.LongMab.Verification;

/// <summary>
/// Human verification of a LongMab-PO run's pairs. <see cref="CreateProjectAsync"/> (one click on
/// the pages) turns the pairs into preference items, stores the reward's choice of each as a judge
/// label (so the agreement page shows humans against the reward with Cohen's κ), and creates a
/// verification project with the Preference schema and every annotator as a member.
/// <see cref="StatusAsync"/> tells which pairs humans confirmed: the verified label of the
/// "better" question (after adjudication or "accept undisputed") equals the reward's choice.
/// </summary>
public sealed class PreferenceVerificationService(
    IDbContextFactory<ValueAlignDbContext> factory,
    EvalRunService runs,
    VerificationProjectService projects,
    ProjectMembershipService membership,
    TimeProvider clock)
{
    public const string DefaultGuidelines = """
        ## Which answer is better?

        Each item is a question over the passages shown, with the gold answer, and two answers written by a model.
        Pick the answer that reaches the gold answer with reasoning the passages support. Choose **Tie** when both
        are equally good, **Both wrong** when neither reaches the gold answer. The two answers appear in a random
        order that differs between annotators. Set **Not supported by the passages** when an answer relies on
        facts the passages do not give, and **Gold answer looks wrong** when the gold answer itself seems wrong.
        """;

    public static string ProjectName(long runId) => $"LongMab-PO pairs of run {runId}";

    public static string RewardJudge(long runId) => $"LongMab-PO reward (SubEM+F1)/2, run {runId}";

    /// <summary>The run's verification project, created on first call (later calls return the same project).</summary>
    public async Task<VerificationProject> CreateProjectAsync(
        long runId, string createdBy, IReadOnlyCollection<string>? members = null, int overlap = 2, CancellationToken cancellationToken = default)
    {
        var name = ProjectName(runId);
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.VerificationProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Name == name, cancellationToken) is { } existing)
                return existing;
        }
        await PrepareItemsAsync(runId, cancellationToken);
        members ??= [.. (await membership.CandidatesAsync(cancellationToken)).Select(m => m.UserId)];
        return await projects.CreateAsync(new NewProject
        {
            Name = name,
            Filter = new ItemFilter { Benchmark = PreferencePairItem.BenchmarkOf(runId), Kind = ItemKind.PreferencePair },
            Schema = PreferenceSchema.Template(),
            GuidelinesMarkdown = DefaultGuidelines,
            Overlap = Math.Clamp(overlap, 1, 100),
            BlindMode = true,
            CreatedBy = createdBy,
            Seed = (int)(runId % int.MaxValue),
            Members = members,
        }, cancellationToken);
    }

    /// <summary>The id of the run's verification project, or null when none was created.</summary>
    public async Task<long?> ExistingProjectIdAsync(long runId, CancellationToken cancellationToken = default)
    {
        var name = ProjectName(runId);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.VerificationProjects.AsNoTracking().Where(p => p.Name == name).Select(p => (long?)p.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Writes (or updates) the run's pair items and the reward's judge labels; returns the items.</summary>
    public async Task<IReadOnlyList<BenchmarkItem>> PrepareItemsAsync(long runId, CancellationToken cancellationToken = default)
    {
        var (run, pairs) = await PairsOfAsync(runId, cancellationToken);
        if (pairs.Count == 0)
            throw new EvalRunException($"Run {runId} produced no pairs to verify (every item's rollouts had the same reward).");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var sourceIds = pairs.Select(p => p.ItemId).ToList();
        var sources = await db.BenchmarkItems.AsNoTracking().Where(i => sourceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var benchmark = PreferencePairItem.BenchmarkOf(runId);
        var existing = await db.BenchmarkItems.Where(i => i.Benchmark == benchmark).ToDictionaryAsync(i => i.ExternalId, StringComparer.Ordinal, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var items = new List<BenchmarkItem>();
        foreach (var pair in pairs)
        {
            if (!sources.TryGetValue(pair.ItemId, out var source))
                throw new EvalRunException($"The source item of pair {pair.ItemKey} is no longer in the library.");
            var built = PreferencePairItem.Build(runId, run.ConfigHash, pair, source);
            if (existing.TryGetValue(built.ExternalId, out var item))
            {
                item.Text = built.Text;
                item.Context = built.Context;
                item.OptionsJson = built.OptionsJson;
                item.Answer = built.Answer;
                item.Explanation = built.Explanation;
                item.SourceRecord = built.SourceRecord;
            }
            else
            {
                db.BenchmarkItems.Add(built);
                item = built;
            }
            items.Add(item);
        }
        await db.SaveChangesAsync(cancellationToken);
        var judge = RewardJudge(runId);
        await db.JudgeLabels.Where(j => j.JudgeModel == judge).ExecuteDeleteAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        db.JudgeLabels.AddRange(items.Select(i => new JudgeLabel
        {
            BenchmarkItemId = i.Id,
            QuestionKey = PreferenceSchema.BetterQuestion,
            Label = PreferencePairItem.RewardLabel(i),
            JudgeModel = judge,
            EvalRunId = runId,
            CreatedAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return items;
    }

    /// <summary>Every pair of the run with what humans made of it (latest verified label of its item, over all projects).</summary>
    public async Task<IReadOnlyList<PairStatus>> StatusAsync(long runId, CancellationToken cancellationToken = default)
    {
        var (_, pairs) = await PairsOfAsync(runId, cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var benchmark = PreferencePairItem.BenchmarkOf(runId);
        var items = await db.BenchmarkItems.AsNoTracking().Where(i => i.Benchmark == benchmark)
            .Select(i => new { i.Id, i.ExternalId, i.Answer }).ToListAsync(cancellationToken);
        var itemIds = items.Select(i => i.Id).ToList();
        var verified = await db.VerifiedLabels.AsNoTracking()
            .Where(l => itemIds.Contains(l.BenchmarkItemId) && l.QuestionKey == PreferenceSchema.BetterQuestion)
            .Select(l => new { l.BenchmarkItemId, l.Label, l.DecidedAt, l.Id }).ToListAsync(cancellationToken);
        var latest = verified.GroupBy(v => v.BenchmarkItemId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(v => v.DecidedAt).ThenByDescending(v => v.Id).First().Label);
        var byKey = items.ToDictionary(i => i.ExternalId, StringComparer.Ordinal);
        return [.. pairs.Select(p =>
        {
            if (!byKey.TryGetValue(p.ItemKey, out var item)) return new PairStatus(p, PairVerification.NotSent, null);
            if (!latest.TryGetValue(item.Id, out var label)) return new PairStatus(p, PairVerification.Pending, null);
            var reward = item.Answer == "B" ? PreferenceSchema.SecondBetter : PreferenceSchema.FirstBetter;
            return new PairStatus(p, label == reward ? PairVerification.Confirmed : PairVerification.Overruled, label);
        })];
    }

    /// <summary>The run's pairs to export: all, or only those humans confirmed.</summary>
    public async Task<(EvalRun Run, IReadOnlyList<GeneratedPair> Pairs)> ExportablePairsAsync(long runId, bool verifiedOnly, CancellationToken cancellationToken = default)
    {
        var (run, pairs) = await PairsOfAsync(runId, cancellationToken);
        if (!verifiedOnly) return (run, pairs);
        var status = await StatusAsync(runId, cancellationToken);
        return (run, [.. status.Where(s => s.Verification == PairVerification.Confirmed).Select(s => s.Generated)]);
    }

    /// <summary>Writes the run's pairs (all, or only human-confirmed ones) as JSON lines (+ metadata sidecar) or Parquet.</summary>
    public async Task<int> ExportAsync(long runId, string path, bool verifiedOnly, bool parquet, CancellationToken cancellationToken = default)
    {
        var (run, pairs) = await ExportablePairsAsync(runId, verifiedOnly, cancellationToken);
        var metadata = LongMabArtefacts.Metadata(run, pairs.Count, verifiedOnly);
        if (parquet)
            await PreferenceDataWriter.WriteParquetAsync(pairs.Select(p => p.Pair), metadata, path, cancellationToken);
        else
            await PreferenceDataWriter.WriteJsonlAsync(pairs.Select(p => p.Pair), metadata, path, cancellationToken);
        return pairs.Count;
    }

    private async Task<(EvalRun Run, IReadOnlyList<GeneratedPair> Pairs)> PairsOfAsync(long runId, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(runId, cancellationToken) ?? throw new EvalRunException($"There is no run {runId}.");
        if (run.Method != LongMabMethod.MethodId)
            throw new EvalRunException($"Run {runId} is a {run.Method} run, not LongMab-PO.");
        if (run.FinishedAt is null)
            throw new EvalRunException($"Run {runId} has not finished; its pairs are known when every item is done.");
        return (run, GeneratedPair.From(await runs.AllResultsAsync(runId, cancellationToken)));
    }
}
