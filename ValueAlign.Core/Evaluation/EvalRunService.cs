using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Media;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Jobs;

namespace ValueAlign.Core.Evaluation;

/// <summary>
/// Creates evaluation runs (hashing their configuration and queueing an <c>eval-run</c> job),
/// lists them, and pages through their item results. The work itself is done by
/// <see cref="EvalRunHandler"/> in the shared job queue.
/// </summary>
public sealed class EvalRunService(
    IDbContextFactory<ValueAlignDbContext> dbFactory,
    ModelBackends backends,
    EvaluationMethods methods,
    JobQueue queue,
    TimeProvider clock,
    Caching.ItemContentKeys contentKeys)
{
    /// <summary>
    /// Validates the request (a model its backend knows, known method, parameters valid against its schema,
    /// at least one item the method can plan, every capability the method needs offered by the
    /// model and the judge), stores the run with both models' identities and queues its job.
    /// Throws <see cref="EvalRunException"/> with a message for the user when something is wrong.
    /// </summary>
    /// <summary>Longest system prompt a run accepts (an instruction, not a document).</summary>
    public const int MaxSystemPromptLength = 8000;

    public async Task<EvalRun> CreateAsync(EvalRunRequest request, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = methods.Get(request.Method);
        string parameters, filter;
        ModelChoice choice;
        try
        {
            choice = request.Model;
            parameters = CanonicalJson.NormalizeObject(request.ParametersJson);
            filter = ItemFilterJson.Serialize(request.Filter);
        }
        catch (ArgumentException e)
        {
            throw new EvalRunException(e.Message, e);
        }
        if (method.Parameters.Validate(parameters) is { Count: > 0 } problems)
            throw new EvalRunException(string.Join(Environment.NewLine, problems.Select(p => p.Message)));
        var model = await ResolveAsync(choice, cancellationToken).ConfigureAwait(false);
        var systemPrompt = string.IsNullOrWhiteSpace(request.SystemPrompt) ? null : request.SystemPrompt.Trim();
        if (systemPrompt is { Length: > MaxSystemPromptLength })
            throw new EvalRunException($"The system prompt is {systemPrompt.Length} characters; at most {MaxSystemPromptLength} are allowed.");

        // Items of kinds the method cannot use are skipped and counted (refused when strict).
        var selection = await SelectionAsync(request.Filter, method, cancellationToken).ConfigureAwait(false);
        if (selection.NothingUsable(method) is { } nothing)
            throw new EvalRunException(nothing);
        if (request.Strict && selection.StrictRefusal(method) is { } refusal)
            throw new EvalRunException(refusal);
        var items = await LoadItemsAsync(request.Filter, method, cancellationToken).ConfigureAwait(false);
        // Images reach a model that sees images (a local model loaded with its projector, a server
        // that takes image parts); otherwise, and for audio always, media items are given as their
        // text alone and the run says so.
        var imagesSeen = model.Capabilities.HasFlag(ModelCapabilities.Images) && items.Any(ItemImages.HasImages);
        var textOnly = items.Any(i => i.Modality != Modality.Text) && !imagesSeen;
        using var parametersDocument = JsonDocument.Parse(parameters);
        var settings = new EvalSettings(parametersDocument.RootElement.Clone(), request.Seed, textOnly);
        IReadOnlyList<EvalUnit> units;
        MethodNeeds needs;
        try
        {
            needs = method.Needs(settings);
            units = method.Plan(items, settings);
        }
        catch (ArgumentException e)
        {
            throw new EvalRunException(e.Message, e);
        }

        // A judge matters only to a method that judges; otherwise it is neither recorded nor hashed.
        var judge = needs.Judges && request.Judge is { } judgeChoice ? await ResolveAsync(judgeChoice, cancellationToken).ConfigureAwait(false) : null;
        if (CapabilityCheck.Problem(method.Id, needs, model, judge) is { } missing)
            throw new EvalRunException(missing);
        var judgeRef = needs.Judges ? (judge ?? model).Ref : null;

        // The configuration without content is the cache key; with the items' content keys it is the configuration hash.
        var cacheKey = EvalConfigHash.Compute(method.Id, method.Version, model.Ref.Canonical, filter, parameters, request.Seed, judgeRef?.Canonical, systemPrompt);
        var itemsDigest = Caching.ItemContentKeys.Digest(await contentKeys.KeysAsync(items, imagesSeen, cancellationToken).ConfigureAwait(false));
        var fileName = model.Ref.Kind == ModelRefKind.LocalFile ? model.Ref.Name : model.Ref.ModelId ?? model.Ref.Name;
        var run = new EvalRun
        {
            Name = string.IsNullOrWhiteSpace(request.Name) ? $"{method.DisplayName} · {fileName}" : request.Name.Trim(),
            Kind = method.Kind,
            Method = method.Id,
            ModelPath = model.Location,
            ModelFileName = fileName,
            ModelSha256 = model.Ref.Sha256 ?? "",
            ModelBytes = model.SizeBytes,
            ModelRefJson = model.Ref.ToJson(),
            JudgeRefJson = judgeRef?.ToJson(),
            JudgeLocation = judge?.Location,
            ItemFilterJson = filter,
            ParametersJson = parameters,
            Seed = request.Seed,
            SystemPrompt = systemPrompt,
            ConfigHash = EvalConfigHash.WithContent(cacheKey, itemsDigest),
            CacheKey = cacheKey,
            TextOnly = textOnly,
            ImagesSeen = imagesSeen,
            ProjectorFileName = model.ProjectorFile,
            ProjectorSha256 = model.Ref.ProjectorSha256,
            UnitCount = units.Count,
            CreatedBy = user,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (run.Name.Length > 300)
            run.Name = run.Name[..300];

        // The run and its job in one transaction: a failure leaves neither (no run without a job).
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        db.EvalRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var job = queue.Stage(db, EvalRunPayload.JobKind, $"Run {run.Id}: {run.Name}", new EvalRunPayload(run.Id).ToJson(), user);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        run.JobId = job.Id;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        queue.Announce(job);
        return run;
    }

    public async Task<EvalRun?> GetAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.EvalRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ResolvedModel> ResolveAsync(ModelChoice choice, CancellationToken cancellationToken)
    {
        try
        {
            return await backends.ResolveAsync(choice, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelChoiceException e)
        {
            throw new EvalRunException(e.Message, e);
        }
    }

    /// <summary>The run with its job's live state; null when there is no such run.</summary>
    public async Task<EvalRunSummary?> GetSummaryAsync(long runId, CancellationToken cancellationToken = default)
    {
        var run = await GetAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run is null)
            return null;
        var job = run.JobId is { } jobId ? await queue.GetAsync(jobId, cancellationToken).ConfigureAwait(false) : null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var filter = ItemFilterJson.Deserialize(run.ItemFilterJson);
        // Only the items the run evaluates count (not the kinds it skipped).
        var items = methods.Find(run.Method) is { } method ? ItemSelection.UsableItems(db, filter, method) : BenchmarkQuery.Filtered(db, filter);
        var hasMedia = await items
            .AnyAsync(i => i.Modality != Modality.Text, cancellationToken).ConfigureAwait(false);
        return new EvalRunSummary(run, job, hasMedia);
    }

    /// <summary>The newest runs first, each with its job's live state; optionally only one method's or one kind's runs.</summary>
    public async Task<IReadOnlyList<EvalRunSummary>> ListAsync(int take = 100, string? method = null, CancellationToken cancellationToken = default, RunKind? kind = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.EvalRuns.AsNoTracking();
        if (!string.IsNullOrEmpty(method))
            query = query.Where(r => r.Method == method);
        if (kind is { } k)
            query = query.Where(r => r.Kind == k);
        var runs = await query.OrderByDescending(r => r.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var summaries = new List<EvalRunSummary>(runs.Count);
        foreach (var run in runs)
            summaries.Add(new EvalRunSummary(run, run.JobId is { } job ? await queue.GetAsync(job, cancellationToken).ConfigureAwait(false) : null));
        return summaries;
    }

    /// <summary>Asks the run's job to stop (or unqueues it); false when it is not queued or running.</summary>
    public async Task<bool> CancelAsync(long runId, CancellationToken cancellationToken = default) =>
        await GetAsync(runId, cancellationToken).ConfigureAwait(false) is { JobId: { } job } && await queue.CancelAsync(job, cancellationToken).ConfigureAwait(false);

    /// <summary>Queues a cancelled or failed run again; it continues after its stored results.</summary>
    public async Task<bool> ResumeAsync(long runId, CancellationToken cancellationToken = default) =>
        await GetAsync(runId, cancellationToken).ConfigureAwait(false) is { JobId: { } job } && await queue.ResumeAsync(job, cancellationToken).ConfigureAwait(false);

    /// <summary>One page of a run's item results, in unit order (item id, then unit key).</summary>
    public async Task<EvalResultPage> ResultsAsync(long runId, EvalResultFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = from r in db.EvalItemResults.AsNoTracking()
                   join i in db.BenchmarkItems.AsNoTracking() on r.ItemId equals i.Id
                   where r.RunId == runId
                   select new { r, i };
        rows = filter.Outcome switch
        {
            EvalOutcomeFilter.Correct => rows.Where(x => x.r.Error == null && x.r.Correct == true),
            EvalOutcomeFilter.Incorrect => rows.Where(x => x.r.Error == null && x.r.Correct == false),
            EvalOutcomeFilter.Error => rows.Where(x => x.r.Error != null),
            _ => rows,
        };
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // ToLower on both sides: SQLite's LIKE and PostgreSQL's differ in case handling.
            var needle = filter.Search.Trim().ToLowerInvariant();
            rows = rows.Where(x => x.i.Text.ToLower().Contains(needle));
        }
        if (!string.IsNullOrEmpty(filter.Country)) rows = rows.Where(x => x.i.Country == filter.Country);
        if (!string.IsNullOrEmpty(filter.Language)) rows = rows.Where(x => x.i.Language == filter.Language);
        if (filter.Modality is { } modality) rows = rows.Where(x => x.i.Modality == modality);
        if (!string.IsNullOrEmpty(filter.Category)) rows = rows.Where(x => x.i.Category == filter.Category);

        var total = await rows.CountAsync(cancellationToken).ConfigureAwait(false);
        var page = await rows.OrderBy(x => x.r.ItemId).ThenBy(x => x.r.UnitKey)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 1000))
            .Select(x => new EvalResultRow(x.r, x.i.ExternalId, x.i.Text, x.i.Country, x.i.Language, x.i.Modality, x.i.Category))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new EvalResultPage(page, total);
    }

    /// <summary>Every item result of a run in unit order (for exports).</summary>
    public async Task<IReadOnlyList<EvalItemResult>> AllResultsAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.EvalItemResults.AsNoTracking().Where(r => r.RunId == runId)
            .OrderBy(r => r.ItemId).ThenBy(r => r.UnitKey).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The items of a filter the method can use with their labels (value-labelled methods need them), in id order (the order units are planned in).</summary>
    internal async Task<IReadOnlyList<BenchmarkItem>> LoadItemsAsync(ItemFilter filter, IEvaluationMethod method, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await ItemSelection.UsableItems(db, filter, method).Include(i => i.Labels).OrderBy(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many items of the filter the method can use and how many of which kind it would skip (shown before a run starts).</summary>
    public async Task<ItemSelection> SelectionAsync(ItemFilter filter, IEvaluationMethod method, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await ItemSelection.CountAsync(db, filter, method, cancellationToken).ConfigureAwait(false);
    }
}
