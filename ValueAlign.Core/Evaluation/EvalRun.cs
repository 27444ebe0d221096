namespace ValueAlign.Core.Evaluation;

/// <summary>
/// One evaluation: a model file (identified by its SHA-256, not its path) + an item selection +
/// a method + parameters + a seed. <see cref="ConfigHash"/> hashes exactly those, so two runs
/// with the same hash may share per-item results (the cache).
/// </summary>
public sealed class EvalRun
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Evaluation, optimisation, generation or study: taken from the method when the run is created.</summary>
    public RunKind Kind { get; set; }

    /// <summary>Method id, for example <c>culture-mcq</c>, <c>honesty</c>, <c>mova</c>, <c>questionnaire</c>, <c>dilemmas</c>.</summary>
    public string Method { get; set; } = "";

    /// <summary>Path as given (under the models folder); informational only.</summary>
    public string ModelPath { get; set; } = "";

    public string ModelFileName { get; set; } = "";

    public string ModelSha256 { get; set; } = "";

    public long ModelBytes { get; set; }

    /// <summary>The benchmark item filter (serialised ItemFilter) that selects the items.</summary>
    public string ItemFilterJson { get; set; } = "{}";

    /// <summary>Method parameters as canonical JSON (sorted keys), part of the hash.</summary>
    public string ParametersJson { get; set; } = "{}";

    public int Seed { get; set; }

    public string ConfigHash { get; set; } = "";

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
}
