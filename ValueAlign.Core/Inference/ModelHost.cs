using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Core.Inference.LlamaSharp;

namespace ValueAlign.Core.Inference;

/// <summary>
/// Holds the in-process models all users share: the evaluated model, a judge and more, loaded
/// side by side within <see cref="ModelRuntimeOptions.MemoryBudgetMB"/>. Each loaded model has
/// its own fair request queue, so a judge's requests never wait behind the evaluated model's.
/// One of them is the default (the first loaded, or the one set with <see cref="SetDefault"/>),
/// which pages and verbs that name no model use. A load over the budget is refused with the
/// figures before anything is read into memory; a file that fails to load leaves the other
/// models as they were, with the error in <see cref="State"/>, and the process keeps running.
/// </summary>
public sealed class ModelHost(ModelRuntimeOptions options, ILogger<ModelHost> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim switching = new(1, 1);
    private ImmutableList<LlamaSharpLanguageModel> loaded = [];
    private LlamaSharpLanguageModel? defaultModel;
    private ModelHostStatus status = ModelHostStatus.Empty;
    private string? loadingPath;
    private float loadProgress;
    private string? error;

    /// <summary>Raised after every change of status or load progress, from the thread that made it.</summary>
    public event Action<ModelHostState>? StateChanged;

    public ModelRuntimeOptions Options => options;

    /// <summary>Bytes all loaded models may take together: Models:MemoryBudgetMB, or 80% of the memory available to the process when it is 0.</summary>
    public long MemoryBudgetBytes => options.MemoryBudgetMB > 0
        ? options.MemoryBudgetMB * 1024L * 1024L
        : (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 0.8);

    /// <summary>Weights plus KV cache of every loaded model.</summary>
    public long UsedBytes => loaded.Sum(m => m.WeightsBytes + m.KvCacheBytes);

    /// <summary>
    /// The host at a glance: the model being loaded, or the last load's error, or the default
    /// model, or empty. <see cref="Models"/> lists every loaded model.
    /// </summary>
    public ModelHostState State
    {
        get
        {
            if (status is ModelHostStatus.Loading or ModelHostStatus.Failed)
                return new ModelHostState(status, loadingPath, null, 0, 0, Environment.WorkingSet, 0, false, loadProgress, error);
            return defaultModel is { } current ? StateOf(current) : new ModelHostState(ModelHostStatus.Empty, null, null, 0, 0, Environment.WorkingSet, 0, false, 0, null);
        }
    }

    /// <summary>Every loaded model, in load order, with its memory and queue length.</summary>
    public IReadOnlyList<ModelHostState> Models => loaded.Select(StateOf).ToList();

    /// <summary>Every loaded model, in load order.</summary>
    public IReadOnlyList<ILanguageModel> Loaded => loaded;

    /// <summary>The default model, or null when none is loaded.</summary>
    public ILanguageModel? Model => defaultModel;

    /// <summary>The default model, or a clear error for callers that cannot work without one.</summary>
    public ILanguageModel RequireModel() =>
        defaultModel ?? throw new InvalidOperationException("No language model is loaded. Load one on the Models page (or pass --model to the command).");

    /// <summary>The loaded model of <paramref name="path"/> (any form of the same full path), or null.</summary>
    public ILanguageModel? Find(string path)
    {
        var full = Path.GetFullPath(path);
        return loaded.FirstOrDefault(m => string.Equals(m.Description.Path, full, StringComparison.Ordinal));
    }

    /// <summary>
    /// What loading <paramref name="path"/> would take, from its GGUF header (weights = file size
    /// plus the paired projector's, KV cache at the configured context); null when the header
    /// cannot be read (the load itself then reports why).
    /// </summary>
    public GgufMemoryEstimate? Estimate(string path)
    {
        try
        {
            var estimate = Estimate(GgufReader.Read(path).Summarize());
            var projector = Registry.ProjectorPairing.Find(path, options.Projectors);
            return projector is null ? estimate : estimate with { WeightsBytes = estimate.WeightsBytes + new FileInfo(projector.Path).Length };
        }
        catch (Exception e) when (e is GgufFormatException or IOException or UnauthorizedAccessException or ModelLoadException)
        {
            return null;
        }
    }

    /// <summary>
    /// Weights plus KV cache at the configured context. llama.cpp allocates the context it is
    /// given even beyond the trained length (it only warns), so the estimate is not capped there.
    /// </summary>
    public GgufMemoryEstimate Estimate(GgufModelSummary model) => GgufMemoryEstimate.For(model, (ulong)options.ContextSize);

    /// <summary>
    /// Loads <paramref name="path"/> (already checked against the models folder by the caller)
    /// next to the models already loaded; returns the loaded instance when it is loaded already.
    /// Refused with <see cref="ModelBudgetException"/> when it does not fit the memory budget.
    /// <paramref name="identity"/>, when the caller has hashed the file (and its projector), becomes the model's identity.
    /// </summary>
    public async Task<ILanguageModel> LoadAsync(string path, IProgress<float>? progress = null, CancellationToken cancellationToken = default, ModelRef? identity = null)
    {
        await switching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var full = Path.GetFullPath(path);
            if (Find(full) is LlamaSharpLanguageModel present)
            {
                if (identity is not null)
                    present.Identity = identity;
                return present;
            }
            CheckBudget(full);
            loadingPath = full;
            loadProgress = 0;
            error = null;
            SetStatus(ModelHostStatus.Loading);
            var report = new Progress<float>(p =>
            {
                loadProgress = p;
                progress?.Report(p);
                StateChanged?.Invoke(State);
            });
            LlamaSharpLanguageModel model;
            try
            {
                model = await LlamaSharpLanguageModel.LoadAsync(full, options, logger, report, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                loadingPath = null;
                SetStatus(ModelHostStatus.Empty);
                throw;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Loading model {Path} failed", full);
                error = e.Message;
                SetStatus(ModelHostStatus.Failed);
                throw;
            }
            if (identity is not null)
                model.Identity = identity;
            loaded = loaded.Add(model);
            defaultModel ??= model;
            loadProgress = 1;
            loadingPath = null;
            logger.LogInformation("Loaded model {Path} ({Count} loaded)", full, loaded.Count);
            SetStatus(ModelHostStatus.Ready);
            return model;
        }
        finally
        {
            switching.Release();
        }
    }

    /// <summary>Makes the loaded model of <paramref name="path"/> the default; false when it is not loaded.</summary>
    public bool SetDefault(string path)
    {
        if (Find(path) is not LlamaSharpLanguageModel model)
            return false;
        defaultModel = model;
        StateChanged?.Invoke(State);
        return true;
    }

    /// <summary>Unloads one model; its queued requests fail, the running one is cancelled and awaited. False when it was not loaded.</summary>
    public async Task<bool> UnloadAsync(string path)
    {
        await switching.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Find(path) is not LlamaSharpLanguageModel model)
                return false;
            await UnloadOneAsync(model).ConfigureAwait(false);
            error = null;
            SetStatus(loaded.IsEmpty ? ModelHostStatus.Empty : ModelHostStatus.Ready);
            return true;
        }
        finally
        {
            switching.Release();
        }
    }

    /// <summary>Unloads every model; queued requests fail, running ones are cancelled and awaited.</summary>
    public async Task UnloadAsync()
    {
        await switching.WaitAsync().ConfigureAwait(false);
        try
        {
            await UnloadAllAsync().ConfigureAwait(false);
            loadingPath = null;
            error = null;
            loadProgress = 0;
            SetStatus(ModelHostStatus.Empty);
        }
        finally
        {
            switching.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await UnloadAllAsync().ConfigureAwait(false);
        switching.Dispose();
    }

    private void CheckBudget(string full)
    {
        if (Estimate(full) is not { } estimate)
            return;
        var budget = MemoryBudgetBytes;
        var used = UsedBytes;
        if (used + estimate.TotalBytes <= budget)
            return;
        var message = ModelBudgetException.Describe(Path.GetFileName(full), estimate, loaded.Count, used, budget, options.MemoryBudgetMB);
        error = $"{full}: {message}";
        loadingPath = full;
        SetStatus(ModelHostStatus.Failed);
        throw new ModelBudgetException(full, message, estimate.TotalBytes, used, budget);
    }

    private async Task UnloadAllAsync()
    {
        foreach (var model in loaded)
            await UnloadOneAsync(model).ConfigureAwait(false);
    }

    private async Task UnloadOneAsync(LlamaSharpLanguageModel model)
    {
        loaded = loaded.Remove(model);
        if (ReferenceEquals(defaultModel, model))
            defaultModel = loaded.FirstOrDefault();
        await model.DisposeAsync().ConfigureAwait(false);
        logger.LogInformation("Unloaded model {Path}", model.Description.Path);
    }

    private ModelHostState StateOf(LlamaSharpLanguageModel model) => new(
        ModelHostStatus.Ready,
        model.Description.Path,
        model.Description,
        model.WeightsBytes,
        model.KvCacheBytes,
        Environment.WorkingSet,
        model.QueuedRequests,
        model.Busy,
        1,
        null)
    {
        IsDefault = ReferenceEquals(model, defaultModel),
        Identity = model.Identity,
        Capabilities = model.Capabilities,
    };

    private void SetStatus(ModelHostStatus next)
    {
        status = next;
        StateChanged?.Invoke(State);
    }
}
