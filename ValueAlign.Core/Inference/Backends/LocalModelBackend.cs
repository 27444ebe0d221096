using ValueAlign.Core.Inference.Registry;

namespace ValueAlign.Core.Inference.Backends;

/// <summary>
/// GGUF files of the models folder, run in process by the shared <see cref="ModelHost"/>. The
/// identity is the file's SHA-256 (cached by the registry) plus its paired projector's
/// (<see cref="ProjectorPairing"/>), which also makes the model see images; acquiring loads the
/// file next to the models already loaded (within the memory budget) unless it is loaded already.
/// </summary>
public sealed class LocalModelBackend(ModelRegistry registry, ModelHost host) : IModelBackend
{
    public const string BackendName = "local";

    public string Name => BackendName;

    /// <summary>What the in-process runtime offers for a text-only GGUF.</summary>
    public static ModelCapabilities TextCapabilities => ModelCapabilities.LocalText;

    public bool Serves(ModelChoice choice) => choice.Kind == ModelRefKind.LocalFile;

    /// <summary>The usable model files of the models folder (projectors are not models of their own).</summary>
    public Task<IReadOnlyList<ModelChoice>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ModelChoice>>(registry.Scan()
            .Where(e => e.IsUsable && !ProjectorPairing.IsProjectorFile(e.FullPath))
            .Select(e => ModelChoice.Local(e.RelativePath)).ToList());

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
        var (identity, capabilities, projector) = await IdentifyAsync(entry.FullPath, cancellationToken).ConfigureAwait(false);
        return new ResolvedModel(ModelChoice.Local(entry.RelativePath), identity, capabilities, entry.SizeBytes) { ProjectorFile = projector };
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
        var (identity, _, _) = await IdentifyAsync(real, cancellationToken).ConfigureAwait(false);
        if (expected is { Sha256: { Length: > 0 } wanted } && !string.Equals(identity.Sha256, wanted, StringComparison.Ordinal))
            throw new ModelChoiceException($"The model file '{choice.Model}' changed (SHA-256 {identity.Sha256![..12]}…, expected {wanted[..Math.Min(12, wanted.Length)]}…); start a new run.");
        if (expected is { Sha256.Length: > 0 } && !string.Equals(identity.ProjectorSha256, expected.ProjectorSha256, StringComparison.Ordinal))
            throw new ModelChoiceException($"The projector paired with '{choice.Model}' changed (now {identity.ProjectorSha256?[..12] ?? "none"}, expected {expected.ProjectorSha256?[..12] ?? "none"}); start a new run.");
        var model = await host.LoadAsync(real, null, cancellationToken, identity).ConfigureAwait(false);
        // Loaded before its projector was put beside it: the model cannot see the run's images.
        if (expected?.ProjectorSha256 is not null && !model.Capabilities.HasFlag(ModelCapabilities.Images))
            throw new ModelChoiceException($"'{choice.Model}' is loaded without its projector, so it cannot see images; unload it on the Models page and run again.");
        return model;
    }

    private async Task<(ModelRef Identity, ModelCapabilities Capabilities, string? ProjectorFile)> IdentifyAsync(string fullPath, CancellationToken cancellationToken)
    {
        ProjectorMatch? projector;
        try
        {
            projector = ProjectorPairing.Find(fullPath, host.Options.Projectors);
        }
        catch (ModelLoadException e)
        {
            throw new ModelChoiceException(e.Message, e);
        }
        var sha = await registry.Sha256Async(fullPath, cancellationToken).ConfigureAwait(false);
        var projectorSha = projector is null ? null : await registry.Sha256Async(projector.Path, cancellationToken).ConfigureAwait(false);
        return (ModelRef.LocalFile(Path.GetFileName(fullPath), sha, projectorSha),
            projector is null ? TextCapabilities : TextCapabilities | ModelCapabilities.Images, projector?.FileName);
    }
}
