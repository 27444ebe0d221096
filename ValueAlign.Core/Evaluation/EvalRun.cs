using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Evaluation;

/// <summary>
/// One evaluation: a model file (identified by its SHA-256, not its path) + an item selection +
/// a method + parameters + a seed. <see cref="ConfigHash"/> hashes those and the content of the
/// selected items; <see cref="CacheKey"/> hashes them without the content, and results are shared
/// between runs with the same cache key per item whose content is unchanged (the cache).
/// </summary>
public sealed class EvalRun
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Evaluation, optimisation, generation or study: taken from the method when the run is created.</summary>
    public RunKind Kind { get; set; }

    /// <summary>Method id, for example <c>culture-mcq</c>, <c>honesty</c>, <c>mova</c>, <c>questionnaire</c>, <c>dilemmas</c>.</summary>
    public string Method { get; set; } = "";

    /// <summary>Where the model is: its path under the models folder, or <c>model @ endpoint</c> for a server (a <see cref="Inference.Backends.ModelChoice"/>).</summary>
    public string ModelPath { get; set; } = "";

    /// <summary>The file name, or the server's model id.</summary>
    public string ModelFileName { get; set; } = "";

    /// <summary>The file's SHA-256; empty for a server model.</summary>
    public string ModelSha256 { get; set; } = "";

    /// <summary>The evaluated model's <see cref="ModelRef"/> as JSON (empty on runs created before it was recorded).</summary>
    public string ModelRefJson { get; set; } = "";

    /// <summary>
    /// The judge's <see cref="ModelRef"/> as JSON when the method judges: the evaluated model's own
    /// when it judges itself. Null when the method judges nothing (and on older runs).
    /// </summary>
    public string? JudgeRefJson { get; set; }

    /// <summary>Where the judge is (as <see cref="ModelPath"/>); null when the model judges itself or nothing is judged.</summary>
    public string? JudgeLocation { get; set; }

    public long ModelBytes { get; set; }

    /// <summary>The benchmark item filter (serialised ItemFilter) that selects the items.</summary>
    public string ItemFilterJson { get; set; } = "{}";

    /// <summary>Method parameters as canonical JSON (sorted keys), part of the hash.</summary>
    public string ParametersJson { get; set; } = "{}";

    public int Seed { get; set; }

    /// <summary>
    /// Text put before every prompt of the evaluated model (an optimised instruction or reflection,
    /// see <see cref="Inference.SystemPromptedModel"/>); part of the hash. Null for none.
    /// </summary>
    public string? SystemPrompt { get; set; }

    /// <summary>
    /// SHA-256 of the configuration including the content of the selected items
    /// (<see cref="EvalConfigHash.WithContent"/>): two runs with equal hashes computed the same thing.
    /// </summary>
    public string ConfigHash { get; set; } = "";

    /// <summary>
    /// The configuration without the items' content (<see cref="EvalConfigHash.Compute"/>): runs
    /// with the same cache key may share results unit by unit, each for an item whose content key
    /// (<see cref="EvalItemResult.ItemContentHash"/>) is unchanged. Runs from before content keys
    /// carry their old configuration hash here.
    /// </summary>
    public string CacheKey { get; set; } = "";

    /// <summary>The background job executing the run.</summary>
    public long? JobId { get; set; }

    /// <summary>
    /// Set when the run's items carry images or audio that the model was not given (it saw their
    /// text only): a text model, or only audio items. Never set when the model sees the images.
    /// </summary>
    public bool TextOnly { get; set; }

    /// <summary>The items' images were shown to the model (through <see cref="ProjectorFileName"/> for a local model).</summary>
    public bool ImagesSeen { get; set; }

    /// <summary>The multimodal projector loaded with the model (mmproj file name), when images were shown through one.</summary>
    public string? ProjectorFileName { get; set; }

    /// <summary>SHA-256 of the projector file; part of the configuration hash.</summary>
    public string? ProjectorSha256 { get; set; }

    /// <summary>Number of work units planned (items × rotations, questionnaire items, ...).</summary>
    public int UnitCount { get; set; }

    /// <summary>The computed <see cref="Reports.RunReport"/> as JSON, written when the run completes.</summary>
    public string? ReportJson { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>The evaluated model's identity (built from the file name and hash on runs older than <see cref="ModelRefJson"/>).</summary>
    public ModelRef ModelIdentity => ModelRefJson.Length > 0 ? ModelRef.FromJson(ModelRefJson) : ModelRef.LocalFile(ModelFileName, ModelSha256);

    /// <summary>The judge's identity, or null when none is recorded.</summary>
    public ModelRef? JudgeIdentity => JudgeRefJson is { Length: > 0 } json ? ModelRef.FromJson(json) : null;
}
