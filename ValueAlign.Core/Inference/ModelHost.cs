using Microsoft.Extensions.Logging;
using ValueAlign.Core.Inference.LlamaSharp;

namespace ValueAlign.Core.Inference;

/// <summary>
/// Holds the one active model that all users share. Loading another model unloads the current
/// one first (waiting for its running request); a file that fails to load leaves the host empty
/// with the error in <see cref="State"/>, and the process keeps running.
/// </summary>
public sealed class ModelHost(ModelRuntimeOptions options, ILogger<ModelHost> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim switching = new(1, 1);
    private LlamaSharpLanguageModel? model;
    private ModelHostStatus status = ModelHostStatus.Empty;
    private string? loadingPath;
    private float loadProgress;
    private string? error;

    /// <summary>Raised after every change of status or load progress, from the thread that made it.</summary>
    public event Action<ModelHostState>? StateChanged;

    public ModelRuntimeOptions Options => options;

    public ModelHostState State
    {
        get
        {
            var current = model;
            return new ModelHostState(
                status,
                current?.Description.Path ?? loadingPath,
                current?.Description,
                current?.WeightsBytes ?? 0,
                current?.KvCacheBytes ?? 0,
                Environment.WorkingSet,
                current?.QueuedRequests ?? 0,
                current?.Busy ?? false,
                loadProgress,
                error);
        }
    }

    /// <summary>The loaded model, or null.</summary>
    public ILanguageModel? Model => model;

    /// <summary>The loaded model, or a clear error for callers that cannot work without one.</summary>
    public ILanguageModel RequireModel() =>
        model ?? throw new InvalidOperationException("No language model is loaded. Load one on the Models page (or pass --model to the command).");

    /// <summary>Loads <paramref name="path"/> (already checked against the models folder by the caller) as the active model.</summary>
    public async Task<ILanguageModel> LoadAsync(string path, IProgress<float>? progress = null, CancellationToken cancellationToken = default)
    {
        await switching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await UnloadCurrentAsync().ConfigureAwait(false);
            loadingPath = Path.GetFullPath(path);
            loadProgress = 0;
            error = null;
            SetStatus(ModelHostStatus.Loading);
            var report = new Progress<float>(p =>
            {
                loadProgress = p;
                progress?.Report(p);
                StateChanged?.Invoke(State);
            });
            try
            {
                model = await LlamaSharpLanguageModel.LoadAsync(loadingPath, options, logger, report, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                loadingPath = null;
                SetStatus(ModelHostStatus.Empty);
                throw;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Loading model {Path} failed", loadingPath);
                error = e.Message;
                SetStatus(ModelHostStatus.Failed);
                throw;
            }
            loadProgress = 1;
            logger.LogInformation("Loaded model {Path}", loadingPath);
            SetStatus(ModelHostStatus.Ready);
            return model;
        }
        finally
        {
            switching.Release();
        }
    }

    /// <summary>Unloads the active model; queued requests fail, the running one is cancelled and awaited.</summary>
    public async Task UnloadAsync()
    {
        await switching.WaitAsync().ConfigureAwait(false);
        try
        {
            await UnloadCurrentAsync().ConfigureAwait(false);
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
        await UnloadCurrentAsync().ConfigureAwait(false);
        switching.Dispose();
    }

    private async Task UnloadCurrentAsync()
    {
        var current = Interlocked.Exchange(ref model, null);
        if (current is not null)
        {
            await current.DisposeAsync().ConfigureAwait(false);
            logger.LogInformation("Unloaded model {Path}", current.Description.Path);
        }
    }

    private void SetStatus(ModelHostStatus next)
    {
        status = next;
        StateChanged?.Invoke(State);
    }
}
