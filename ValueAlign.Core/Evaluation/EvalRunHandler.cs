using ValueAlign.Core.Benchmarks.Media;
using ValueAlign.Core.Benchmarks.Query;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ValueAlign.Core.Annotation.Judging;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Core.Evaluation.Batching;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Jobs;

namespace ValueAlign.Core.Evaluation;

/// <summary>
/// Executes an evaluation run as a job of the shared queue. Resumable by construction: it plans
/// the units again, skips those already stored for the run, copies those an earlier run with the
/// same configuration hash computed (the cache), and runs the rest, storing each unit's result
/// and judge labels in one SaveChanges (one transaction). The unique index on (run, item, unit)
/// means a crash between computing and storing can repeat a computation but never a result.
/// </summary>
public sealed class EvalRunHandler(
    IDbContextFactory<ValueAlignDbContext> dbFactory,
    EvalRunService runs,
    EvaluationMethods methods,
    ModelBackends backends,
    ItemImages itemImages,
    RunEngineOptions options,
    Caching.ItemContentKeys contentKeys,
    TimeProvider clock,
    ILogger<EvalRunHandler> logger) : IJobHandler
{
    public string Kind => EvalRunPayload.JobKind;

    public async Task RunAsync(JobExecution job, CancellationToken cancellationToken)
    {
        var runId = EvalRunPayload.Parse(job.PayloadJson).RunId;
        var run = await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new EvalRunException($"Run {runId} no longer exists.");
        var method = methods.Get(run.Method);
        var filter = ItemFilterJson.Deserialize(run.ItemFilterJson);
        var items = await runs.LoadItemsAsync(filter, method, cancellationToken).ConfigureAwait(false);
        using var parameters = JsonDocument.Parse(run.ParametersJson);
        var settings = new EvalSettings(parameters.RootElement.Clone(), run.Seed, run.TextOnly);
        var units = method.Plan(items, settings);
        var itemKeys = await contentKeys.KeysAsync(items, run.ImagesSeen, cancellationToken).ConfigureAwait(false);
        if (await Caching.StaleResults.RemoveAsync(dbFactory, run, itemKeys, cancellationToken).ConfigureAwait(false) is > 0 and var stale)
            logger.LogInformation("Run {Run}: {Stale} stored result(s) were computed on items changed since; computing them again", run.Id, stale);
        if (units.Count != run.UnitCount)
            await SetUnitCountAsync(run.Id, units.Count, cancellationToken).ConfigureAwait(false);

        var stored = await StoredKeysAsync(run.Id, cancellationToken).ConfigureAwait(false);
        var missing = units.Where(u => !stored.Contains(new UnitKey(u.Item.Id, u.UnitKey))).ToList();
        var done = units.Count - missing.Count;
        job.Report(done, units.Count, done > 0 ? $"Resuming after {done} stored unit(s)" : "Starting");

        if (missing.Count > 0)
        {
            var copied = await CopyCachedAsync(run, method, missing, itemKeys, cancellationToken).ConfigureAwait(false);
            if (copied.Count > 0)
            {
                done += copied.Count;
                missing = missing.Where(u => !copied.Contains(new UnitKey(u.Item.Id, u.UnitKey))).ToList();
                job.Report(done, units.Count, $"Reused {copied.Count} cached result(s)");
            }
        }

        if (missing.Count > 0)
        {
            var modelRef = run.ModelIdentity;
            var model = await AcquireAsync(ModelChoice.Parse(run.ModelPath), modelRef, run, cancellationToken).ConfigureAwait(false);
            var judgeRef = run.JudgeIdentity ?? modelRef;
            var grouping = new GroupingLanguageModel(model);
            var separateJudge = run.JudgeLocation is { Length: > 0 } judgeLocation && run.JudgeIdentity is { } separate
                ? await AcquireAsync(ModelChoice.Parse(judgeLocation), separate, run, cancellationToken).ConfigureAwait(false)
                : null;
            // A separate judge is not grouped; a unit waiting on it counts as waiting, so it never holds back a scoring batch.
            var judge = separateJudge is null ? grouping : grouping.Beside(separateJudge);
            var context = new EvalContext(SystemPromptedModel.Wrap(grouping, run.SystemPrompt), settings, run.ModelFileName) { Judge = judge, RunId = run.Id, Images = run.ImagesSeen ? itemImages : null };
            var judgeName = judgeRef.Display;
            var before = done;
            var watch = new RunModelsWatch(run, model, separateJudge);
            done += await RunUnitsAsync(run.Id, method, missing, itemKeys, grouping, context, judgeName, watch, (stored, last) =>
                job.Report(before + stored, units.Count, $"{last.Item.ExternalId}{(last.UnitKey.Length > 0 ? " " + last.UnitKey : "")}"),
                cancellationToken).ConfigureAwait(false);
            if (grouping.Batches > 0)
                logger.LogInformation("Run {Run}: {Questions} multiple-choice question(s) scored in {Batches} call(s), up to {InFlight} unit(s) in flight",
                    run.Id, grouping.Questions, grouping.Batches, options.UnitsInFlight);
        }

        job.Report(done, units.Count, "Summarising");
        var skipped = (await runs.SelectionAsync(filter, method, cancellationToken).ConfigureAwait(false)).Skipped;
        await SummarizeAsync(run, method, items, skipped, cancellationToken).ConfigureAwait(false);
        job.Report(done, units.Count, "Finished");
    }

    /// <summary>
    /// Executes <paramref name="missing"/> with up to <see cref="RunEngineOptions.UnitsInFlight"/>
    /// units at a time (their scoring requests grouped by <paramref name="grouping"/>) and stores
    /// each computed unit once, several units a transaction, as they finish. On cancellation the
    /// units in flight stop, every unit already computed is still stored, and the cancellation is
    /// rethrown. When a model of the run is unloaded (<paramref name="models"/>), the units stop the
    /// same way, none that failed for it is stored, and <see cref="JobWaitingForModelException"/> is
    /// thrown. Returns the number of units stored.
    /// </summary>
    private async Task<int> RunUnitsAsync(
        long runId, IEvaluationMethod method, IReadOnlyList<EvalUnit> missing, IReadOnlyDictionary<long, string> itemKeys, GroupingLanguageModel grouping, EvalContext context, string judgeName,
        RunModelsWatch models, Action<int, EvalUnit> stored, CancellationToken cancellationToken)
    {
        var computed = Channel.CreateUnbounded<ComputedUnit>(new UnboundedChannelOptions { SingleReader = true });
        // A failed save stops the units still running: their results would have nowhere to go.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var storing = StoreComputedAsync(runId, computed.Reader, judgeName, stored, stop);
        var next = -1;
        string? waitingFor = null;
        async Task WorkAsync(IDisposable inFlight)
        {
            // The worker counts as in flight from before the first worker starts until it has no
            // unit left, so the first batch already holds every worker's question.
            using (inFlight)
            {
                while (Interlocked.Increment(ref next) is var index && index < missing.Count)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    var unit = missing[index];
                    var (outcome, milliseconds) = await RunUnitAsync(method, unit, context, models, stop.Token).ConfigureAwait(false);
                    if (outcome is null)
                    {
                        // A model went away under the unit: stop every unit (their failures are not results) and wait for it.
                        Interlocked.CompareExchange(ref waitingFor, models.Unloaded() ?? "a model of the run was unloaded", null);
                        await stop.CancelAsync().ConfigureAwait(false);
                        return;
                    }
                    var done = new ComputedUnit(unit, outcome, milliseconds, itemKeys.GetValueOrDefault(unit.Item.Id));
                    computed.Writer.TryWrite(done);
                    if (method.UnitsBuildOnEarlierUnits)
                        await done.Stored.Task.ConfigureAwait(false);
                }
            }
        }
        var inFlight = method.UnitsBuildOnEarlierUnits ? 1 : options.UnitsInFlight;
        var slots = Enumerable.Range(0, Math.Min(inFlight, missing.Count)).Select(_ => grouping.EnterUnit()).ToList();
        var workers = slots.Select(slot => Task.Run(() => WorkAsync(slot), CancellationToken.None)).ToList();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Rethrown below once the computed units are stored (or the save error surfaces).
        }
        finally
        {
            computed.Writer.Complete();
        }
        var count = await storing.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (waitingFor is not null)
            throw new JobWaitingForModelException(waitingFor);
        var failed = workers.FirstOrDefault(w => w.IsFaulted);
        if (failed is not null)
            await failed.ConfigureAwait(false);
        return count;
    }

    /// <summary>The unit's outcome, or a null outcome when it failed because a model of the run was unloaded.</summary>
    private static async Task<(EvalUnitOutcome? Outcome, double Milliseconds)> RunUnitAsync(
        IEvaluationMethod method, EvalUnit unit, EvalContext context, RunModelsWatch models, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var outcome = await method.RunAsync(unit, context, cancellationToken).ConfigureAwait(false);
            return (outcome, watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception) when (models.Unloaded() is not null && !cancellationToken.IsCancellationRequested)
        {
            // Failed because the model went away (a closed queue, a cancelled decode): no result of the model.
            return (null, watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // Failed only because the run was stopping: not a result either; the cancellation is what happened.
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One bad item (malformed output, an over-long prompt) is recorded and the run goes on.
            var failed = new EvalUnitOutcome("", "", null, new Dictionary<string, double>(), Error: e.Message);
            return (failed, watch.Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>
    /// Stores computed units as they arrive, everything waiting (up to <see cref="RunEngineOptions.UnitsPerSave"/>)
    /// in one transaction. A save that fails cancels <paramref name="stop"/> and rethrows.
    /// </summary>
    private async Task<int> StoreComputedAsync(long runId, ChannelReader<ComputedUnit> computed, string judgeName, Action<int, EvalUnit> stored, CancellationTokenSource stop)
    {
        var count = 0;
        var batch = new List<ComputedUnit>(options.UnitsPerSave);
        try
        {
            while (await computed.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < options.UnitsPerSave && computed.TryRead(out var unit))
                    batch.Add(unit);
                await StoreAsync(runId, batch, judgeName).ConfigureAwait(false);
                foreach (var unit in batch)
                    unit.Stored.TrySetResult();
                count += batch.Count;
                stored(count, batch[^1].Unit);
            }
        }
        catch (Exception e)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var unit in batch)
                unit.Stored.TrySetException(e);
            throw;
        }
        return count;
    }

    private async Task StoreAsync(long runId, IReadOnlyList<ComputedUnit> units, string judgeName)
    {
        try
        {
            // Cancellation is not passed on: a computed result is stored even when a cancel
            // arrives meanwhile, so the work is not lost.
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var unit in units)
                AddResult(db, runId, unit, judgeName);
            await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (DbUpdateException) when (units.Count > 1)
        {
            // One of them is stored already (another runner): store the others one by one.
            foreach (var unit in units)
                await StoreAsync(runId, [unit], judgeName).ConfigureAwait(false);
        }
        catch (DbUpdateException e)
        {
            // Another runner stored this unit first (the unique index refused ours): keep theirs.
            // Any other failure to save stops the run, which stays resumable.
            if (!await IsStoredAsync(runId, units[0].Unit).ConfigureAwait(false))
                throw;
            logger.LogWarning(e, "Result of run {Run}, item {Item}, unit '{Unit}' was already stored", runId, units[0].Unit.Item.Id, units[0].Unit.UnitKey);
        }
    }

    private void AddResult(ValueAlignDbContext db, long runId, ComputedUnit computed, string judgeName)
    {
        var (unit, outcome, milliseconds, contentHash) = computed;
        var now = clock.GetUtcNow().UtcDateTime;
        db.EvalItemResults.Add(new EvalItemResult
        {
            RunId = runId,
            ItemId = unit.Item.Id,
            UnitKey = unit.UnitKey,
            Prompt = outcome.Prompt,
            RawOutput = outcome.RawOutput,
            ParsedAnswer = outcome.ParsedAnswer,
            ScoresJson = EvalScores.Serialize(outcome.Scores),
            Correct = outcome.Correct,
            Error = outcome.Error,
            DurationMs = milliseconds,
            ItemContentHash = contentHash,
            CreatedAt = now,
        });
        foreach (var verdict in outcome.JudgeVerdicts)
        {
            db.JudgeLabels.Add(new JudgeLabel
            {
                BenchmarkItemId = unit.Item.Id,
                QuestionKey = verdict.QuestionKey,
                Label = verdict.Label,
                JudgeModel = judgeName,
                EvalRunId = runId,
                CreatedAt = now,
            });
        }
    }

    private async Task<bool> IsStoredAsync(long runId, EvalUnit unit)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
        return await db.EvalItemResults.AnyAsync(r => r.RunId == runId && r.ItemId == unit.Item.Id && r.UnitKey == unit.UnitKey, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies results of earlier runs with the same cache key (the configuration without content)
    /// for the missing units whose item has the content key the result was computed on: an item
    /// changed by a re-import under the same id is computed again, the others are reused. A method
    /// whose units build on earlier units reuses only runs of the same configuration hash (every
    /// item unchanged), since one changed item changes every later unit.
    /// Results that recorded an error are not reused: an error may have been transient (memory,
    /// a killed judge), and recomputing costs one unit. Judge labels are copied per item when
    /// all the item's units come from the same earlier run, since labels are kept per item.
    /// </summary>
    private async Task<HashSet<UnitKey>> CopyCachedAsync(
        EvalRun run, IEvaluationMethod method, IReadOnlyList<EvalUnit> missing, IReadOnlyDictionary<long, string> itemKeys, CancellationToken cancellationToken)
    {
        var copied = new HashSet<UnitKey>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var candidates = db.EvalRuns.AsNoTracking().Where(r => r.Id != run.Id);
        candidates = method.UnitsBuildOnEarlierUnits
            ? candidates.Where(r => r.ConfigHash == run.ConfigHash)
            : candidates.Where(r => r.CacheKey == run.CacheKey);
        var sources = await candidates.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (sources.Count == 0)
            return copied;

        var wanted = missing.Select(u => new UnitKey(u.Item.Id, u.UnitKey)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var source in sources)
        {
            if (wanted.Count == 0)
                break;
            var results = await db.EvalItemResults.AsNoTracking().Where(r => r.RunId == source && r.Error == null)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var usable = results.Where(r => wanted.Contains(new UnitKey(r.ItemId, r.UnitKey))
                && r.ItemContentHash is not null && r.ItemContentHash == itemKeys.GetValueOrDefault(r.ItemId)).ToList();
            if (usable.Count == 0)
                continue;
            var unitsPerItem = missing.GroupBy(u => u.Item.Id).ToDictionary(g => g.Key, g => g.Count());
            var wholeItems = usable.GroupBy(r => r.ItemId).Where(g => g.Count() == unitsPerItem.GetValueOrDefault(g.Key)).Select(g => g.Key).ToHashSet();
            var labels = await db.JudgeLabels.AsNoTracking().Where(l => l.EvalRunId == source).ToListAsync(cancellationToken).ConfigureAwait(false);

            await using var write = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            foreach (var r in usable)
            {
                write.EvalItemResults.Add(new EvalItemResult
                {
                    RunId = run.Id,
                    ItemId = r.ItemId,
                    UnitKey = r.UnitKey,
                    Prompt = r.Prompt,
                    RawOutput = r.RawOutput,
                    ParsedAnswer = r.ParsedAnswer,
                    ScoresJson = r.ScoresJson,
                    Correct = r.Correct,
                    Error = r.Error,
                    DurationMs = r.DurationMs,
                    ItemContentHash = r.ItemContentHash,
                    FromCache = true,
                    CreatedAt = now,
                });
            }
            foreach (var l in labels.Where(l => wholeItems.Contains(l.BenchmarkItemId)))
            {
                write.JudgeLabels.Add(new JudgeLabel
                {
                    BenchmarkItemId = l.BenchmarkItemId,
                    QuestionKey = l.QuestionKey,
                    Label = l.Label,
                    JudgeModel = l.JudgeModel,
                    EvalRunId = run.Id,
                    CreatedAt = now,
                });
            }
            // All copies of one source in one transaction: a crash leaves none or all of them.
            await write.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var r in usable)
            {
                var key = new UnitKey(r.ItemId, r.UnitKey);
                copied.Add(key);
                wanted.Remove(key);
            }
        }
        return copied;
    }

    /// <summary>
    /// A model of the run (evaluated or judge) through its backend, loaded when needed. It must
    /// still be the one the run was created with (same identity): results of a run must all come
    /// from the same models.
    /// </summary>
    private async Task<ILanguageModel> AcquireAsync(ModelChoice choice, ModelRef expected, EvalRun run, CancellationToken cancellationToken)
    {
        try
        {
            logger.LogInformation("Acquiring model {Model} for run {Run}", choice, run.Id);
            return await backends.AcquireAsync(choice, expected, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelChoiceException e)
        {
            throw new EvalRunException($"Run {run.Id}: {e.Message}", e);
        }
    }

    private async Task SummarizeAsync(EvalRun run, IEvaluationMethod method, IReadOnlyList<Benchmarks.Model.BenchmarkItem> items, IReadOnlyList<SkippedItems> skipped, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = db.EvalItemResults.AsNoTracking().Where(r => r.RunId == run.Id).OrderBy(r => r.ItemId).ThenBy(r => r.UnitKey);
        var results = method.SummaryReadsTexts
            ? await rows.ToListAsync(cancellationToken).ConfigureAwait(false)
            : await rows.Select(r => new EvalItemResult
            {
                Id = r.Id,
                RunId = r.RunId,
                ItemId = r.ItemId,
                UnitKey = r.UnitKey,
                ParsedAnswer = r.ParsedAnswer,
                ScoresJson = r.ScoresJson,
                Correct = r.Correct,
                Error = r.Error,
                DurationMs = r.DurationMs,
                FromCache = r.FromCache,
                ItemContentHash = r.ItemContentHash,
                CreatedAt = r.CreatedAt,
            }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var stored = await db.EvalRuns.FirstAsync(r => r.Id == run.Id, cancellationToken).ConfigureAwait(false);
        var input = new EvalSummaryInput(stored, results, items.ToDictionary(i => i.Id));
        var report = method.Summarize(input) with { Skipped = skipped.Count > 0 ? skipped : null };
        var now = clock.GetUtcNow().UtcDateTime;
        // Report and artefacts in one SaveChanges: a run is finished with all its outputs or with none.
        await RunArtefactStore.StageAsync(db, run.Id, method.Artefacts(input), now, cancellationToken).ConfigureAwait(false);
        stored.ReportJson = RunReportJson.Serialize(report);
        stored.FinishedAt = now;
        await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<HashSet<UnitKey>> StoredKeysAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var keys = await db.EvalItemResults.AsNoTracking().Where(r => r.RunId == runId)
            .Select(r => new { r.ItemId, r.UnitKey }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return keys.Select(k => new UnitKey(k.ItemId, k.UnitKey)).ToHashSet();
    }

    private async Task SetUnitCountAsync(long runId, int count, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.EvalRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.UnitCount, count), cancellationToken).ConfigureAwait(false);
    }

    private readonly record struct UnitKey(long ItemId, string Key);

    private sealed record ComputedUnit(EvalUnit Unit, EvalUnitOutcome Outcome, double Milliseconds, string? ItemContentHash)
    {
        /// <summary>Completed once the unit's result is in the database.</summary>
        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
