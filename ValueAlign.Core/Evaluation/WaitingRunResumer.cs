using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ValueAlign.Core.Data;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Core.Jobs;

namespace ValueAlign.Core.Evaluation;

/// <summary>
/// Puts runs that wait for a model (<see cref="JobState.WaitingForModel"/>: their model was unloaded
/// mid-run) back in the queue as soon as that same model is loaded again: the same file with the
/// same SHA-256 (and projector), as the run's <see cref="ModelRef"/> records it; a separate local
/// judge must be loaded too. Resume on the run page does the same at any time and loads the model
/// itself. The web host runs this as a hosted service; the CLI has no other loader to wait for.
/// </summary>
public sealed class WaitingRunResumer(
    IDbContextFactory<ValueAlignDbContext> dbFactory,
    ModelHost host,
    ModelRegistry registry,
    ModelBackends backends,
    JobQueue queue,
    ILogger<WaitingRunResumer> logger) : IHostedService
{
    private readonly SemaphoreSlim checking = new(1, 1);
    private readonly Lock gate = new();
    private HashSet<string> loadedPaths = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (gate)
            loadedPaths = LoadedPaths();
        host.StateChanged += OnHostChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        host.StateChanged -= OnHostChanged;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Resumes every run waiting for a model whose models are all loaded now with the identity the
    /// run recorded; returns the ids of the runs put back in the queue.
    /// </summary>
    public async Task<IReadOnlyList<long>> ResumeReadyAsync(CancellationToken cancellationToken = default)
    {
        await checking.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var waiting = await db.BackgroundJobs.AsNoTracking()
                .Where(j => j.State == JobState.WaitingForModel && j.Kind == EvalRunPayload.JobKind)
                .Select(j => j.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (waiting.Count == 0)
                return [];
            var runs = await db.EvalRuns.AsNoTracking().Where(r => r.JobId != null && waiting.Contains(r.JobId.Value))
                .OrderBy(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            var resumed = new List<long>();
            foreach (var run in runs)
            {
                if (!await IsLoadedAsync(run.ModelPath, run.ModelIdentity, cancellationToken).ConfigureAwait(false))
                    continue;
                if (run is { JudgeLocation.Length: > 0, JudgeIdentity: { } judge } && !await IsLoadedAsync(run.JudgeLocation, judge, cancellationToken).ConfigureAwait(false))
                    continue;
                if (await queue.ResumeAsync(run.JobId!.Value, cancellationToken).ConfigureAwait(false))
                {
                    logger.LogInformation("Run {Run}: its model is loaded again; resuming", run.Id);
                    resumed.Add(run.Id);
                }
            }
            return resumed;
        }
        finally
        {
            checking.Release();
        }
    }

    private void OnHostChanged(ModelHostState state)
    {
        // The host reports load progress too; only a model that was not loaded before matters.
        var now = LoadedPaths();
        lock (gate)
        {
            var added = !now.IsSubsetOf(loadedPaths);
            loadedPaths = now;
            if (!added)
                return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await ResumeReadyAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Checking for runs waiting for the loaded model failed");
            }
        });
    }

    private HashSet<string> LoadedPaths() => host.Models.Select(m => m.ModelPath).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>A local model is loaded with the recorded identity; a server model is not held here, so it never keeps a run waiting.</summary>
    private async Task<bool> IsLoadedAsync(string location, ModelRef expected, CancellationToken cancellationToken)
    {
        var choice = ModelChoice.Parse(location);
        if (choice.Kind != ModelRefKind.LocalFile)
            return true;
        try
        {
            if (host.Find(registry.Resolve(choice.Model)) is null)
                return false;
            var resolved = await backends.ResolveAsync(choice, cancellationToken).ConfigureAwait(false);
            return string.Equals(resolved.Ref.Canonical, expected.Canonical, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is ModelChoiceException or ArgumentException or UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
