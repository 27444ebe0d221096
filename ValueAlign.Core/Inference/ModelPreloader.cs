using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ValueAlign.Core.Inference.Backends;

namespace ValueAlign.Core.Inference;

/// <summary>
/// Loads the files of <c>Models:Preload</c> into the shared host when the web server starts, in
/// order (the first becomes the default model), so a headless server is usable without anyone
/// clicking Load. Each file goes through the local backend, so its identity (SHA-256, projector)
/// is recorded and the memory budget applies. A file that cannot be loaded is logged and shown on
/// the Models page; the others still load and the server keeps running.
/// </summary>
public sealed class ModelPreloader(ModelRuntimeOptions options, ModelBackends backends, ILogger<ModelPreloader> logger) : BackgroundService
{
    /// <summary>Loads every preload entry; returns the errors (empty when all loaded).</summary>
    public async Task<IReadOnlyList<string>> PreloadAsync(CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        foreach (var path in options.Preload.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            try
            {
                var model = await backends.AcquireAsync(ModelChoice.Local(path), null, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Preloaded model {Path} ({Identity})", path, model.Identity.Display);
            }
            catch (Exception e) when (e is ModelChoiceException or ModelLoadException)
            {
                logger.LogError("Models:Preload entry {Path} was not loaded: {Reason}", path, e.Message);
                errors.Add($"{path}: {e.Message}");
            }
        }
        return errors;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PreloadAsync(stoppingToken);
}
