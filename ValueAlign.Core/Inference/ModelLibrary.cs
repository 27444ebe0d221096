using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Core.Inference.Registry;

namespace ValueAlign.Core.Inference;

/// <summary>
/// What the Models page and the verbs do with the models folder: list the files, estimate the
/// memory a load needs, and load a file into the shared host (next to the models loaded already). Paths go through the registry, so
/// nothing outside the configured folder is ever opened.
/// </summary>
public sealed class ModelLibrary(ModelRegistry registry, ModelHost host)
{
    public string ModelsFolder => registry.ModelsRoot;

    public bool ModelsFolderExists => registry.RootExists;

    public IReadOnlyList<ModelEntry> List() => registry.Scan();

    /// <summary>
    /// The multimodal projector that loads with <paramref name="entry"/> by the pairing rule or the
    /// Models:Projectors setting (null: text only), or why the setting cannot be used.
    /// </summary>
    public (ProjectorMatch? Projector, string? Error) ProjectorFor(ModelEntry entry)
    {
        try
        {
            return (ProjectorPairing.Find(entry.FullPath, host.Options.Projectors), null);
        }
        catch (ModelLoadException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Weights plus KV cache at the configured context size (what llama.cpp allocates, even beyond the trained length).</summary>
    public GgufMemoryEstimate Estimate(GgufModelSummary model) => host.Estimate(model);

    /// <summary>The estimate for a listed file, with its paired projector's size when it has one.</summary>
    public GgufMemoryEstimate? Estimate(ModelEntry entry) =>
        entry.Summary is null ? null : host.Estimate(entry.FullPath) ?? host.Estimate(entry.Summary);

    /// <summary>Bytes the loaded models take and the budget they share (Models:MemoryBudgetMB).</summary>
    public (long Used, long Budget) Memory => (host.UsedBytes, host.MemoryBudgetBytes);

    /// <summary>Loads a file of the models folder (relative or absolute path inside it) as the shared model.</summary>
    public Task<ILanguageModel> LoadAsync(string pathInModelsFolder, IProgress<float>? progress = null, CancellationToken cancellationToken = default)
    {
        var path = registry.Resolve(pathInModelsFolder);
        return host.LoadAsync(path, progress, cancellationToken);
    }
}
