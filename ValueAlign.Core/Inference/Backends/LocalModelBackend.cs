using ValueAlign.Core.Inference.Registry;

namespace ValueAlign.Core.Inference.Backends;

/// <summary>
/// GGUF files of the models folder, run in process by the shared <see cref="ModelHost"/>. The
/// identity is the file's SHA-256 (cached by the registry), plus its projector's when a
/// multimodal projector pairs with it (<see cref="ProjectorPairing"/>; the model then sees images);
/// acquiring loads the file next to the models already loaded (within the memory budget) unless
/// it is loaded already.
/// </summary>
public sealed class LocalModelBackend(ModelRegistry registry, ModelHost host) : IModelBackend
{
    public const string BackendName = "local";

    public string Name => BackendName;

    /// <summary>What the in-process runtime offers for a text-only GGUF.</summary>
    public static ModelCapabilities TextCapabilities => ModelCapabilities.LocalText;

    public bool Serves(ModelChoice choice) => choice.Kind == ModelRefKind.LocalFile;

    public async Task<ResolvedModel> ResolveAsync(ModelChoice choice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choice);
        ModelEntry entry;
        try
        {
            entry = registry.Find(choice.Model);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or FileNotFoundException or ArgumentException or IOException)
        {
            throw new ModelChoiceException(e.Message, e);
        }
        if (entry.Error is { } unusable)
            throw new ModelChoiceException($"The model file '{choice.Model}' cannot be used: {unusable}");
        var sha = await registry.Sha256Async(entry.FullPath, cancellationToken).ConfigureAwait(false);
        var projector = FindProjector(entry.FullPath);
        var projectorSha = projector is null ? null : await registry.Sha256Async(projector.Path, cancellationToken).ConfigureAwait(false);
        return new ResolvedModel(ModelChoice.Local(entry.RelativePath), ModelRef.LocalFile(Path.GetFileName(entry.FullPath), sha, projectorSha),
            projector is null ? TextCapabilities : TextCapabilities | ModelCapabilities.Images, entry.SizeBytes)
        {
            ProjectorFile = projector?.FileName,
        };
    }

    public async Task<ILanguageModel> AcquireAsync(ModelChoice choice, ModelRef? expected = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choice);
        string real;
        try
        {
            real = registry.Resolve(choice.Model);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or ArgumentException)
        {
            throw new ModelChoiceException(e.Message, e);
        }
        if (!File.Exists(real))
            throw new ModelChoiceException($"The model file '{choice.Model}' is not in the models folder '{registry.ModelsRoot}' any more.");
        var sha = await registry.Sha256Async(real, cancellationToken).ConfigureAwait(false);
        if (expected is { Sha256: { Length: > 0 } wanted } && !string.Equals(sha, wanted, StringComparison.Ordinal))
            throw new ModelChoiceException($"The model file '{choice.Model}' changed (SHA-256 {sha[..12]}…, expected {wanted[..Math.Min(12, wanted.Length)]}…); start a new run.");
        if (expected is { ProjectorSha256: { Length: > 0 } wantedProjector })
        {
            var projector = FindProjector(real)
                ?? throw new ModelChoiceException($"The projector that '{choice.Model}' was paired with is no longer beside it; start a new run.");
            var projectorSha = await registry.Sha256Async(projector.Path, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(projectorSha, wantedProjector, StringComparison.Ordinal))
                throw new ModelChoiceException($"The projector of {choice.Model} changed ({projector.FileName}, SHA-256 {projectorSha[..12]}…, expected {wantedProjector[..Math.Min(12, wantedProjector.Length)]}…); start a new run.");
        }
        var model = await host.LoadAsync(real, null, cancellationToken, sha).ConfigureAwait(false);
        if (expected?.ProjectorSha256 is not null && !model.Capabilities.HasFlag(ModelCapabilities.Images))
            throw new ModelChoiceException($"'{choice.Model}' is loaded without its projector, so it cannot see images; unload it on the Models page and run again.");
        return model;
    }

    private ProjectorMatch? FindProjector(string modelPath)
    {
        try
        {
            return ProjectorPairing.Find(modelPath, host.Options.Projectors);
        }
        catch (ModelLoadException e)
        {
            throw new ModelChoiceException(e.Message, e);
        }
    }
}
