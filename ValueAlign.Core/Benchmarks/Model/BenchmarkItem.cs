namespace ValueAlign.Core.Benchmarks.Model;

/// <summary>
/// One item of any benchmark. List-valued fields are JSON arrays of strings so every provider
/// stores them the same way; <see cref="SourceRecord"/> keeps the imported record verbatim so an
/// export can reproduce it byte for byte.
/// </summary>
public sealed class BenchmarkItem
{
    public long Id { get; set; }

    /// <summary>Benchmark (data set) name, e.g. <c>touche23-valueeval</c>; unique with <see cref="ExternalId"/>.</summary>
    public string Benchmark { get; set; } = "";

    /// <summary>The id the source gives the item (or a stable hash of the record when it has none).</summary>
    public string ExternalId { get; set; } = "";

    public ItemKind Kind { get; set; }

    /// <summary>The text shown to the model: question, argument premise, dialogue, scenario.</summary>
    public string Text { get; set; } = "";

    /// <summary>What the text answers or sits in, e.g. the argument's conclusion; may be null.</summary>
    public string? Context { get; set; }

    /// <summary>JSON array of answer options (MCQ choices, scenario actions); null when none.</summary>
    public string? OptionsJson { get; set; }

    public string? Answer { get; set; }

    /// <summary>BCP-47 language tag, e.g. <c>en</c>, <c>zh</c>, <c>ja</c>.</summary>
    public string? Language { get; set; }

    public string? Country { get; set; }

    public Modality Modality { get; set; }

    /// <summary>JSON array of media paths relative to the media folder.</summary>
    public string? MediaJson { get; set; }

    /// <summary>Category or type within the benchmark (MoHoBench type, LegalΔ task, stance …).</summary>
    public string? Category { get; set; }

    /// <summary>Reference reason or explanation of the answer.</summary>
    public string? Explanation { get; set; }

    /// <summary>JSON array of knowledge points.</summary>
    public string? KnowledgePointsJson { get; set; }

    public string? Theme { get; set; }

    /// <summary>Shared by the variants of one question across languages and modalities.</summary>
    public string? AlignmentGroup { get; set; }

    public VerificationStatus VerificationStatus { get; set; } = VerificationStatus.Unverified;

    /// <summary>Name of the importer format that produced the item, e.g. <c>touche23</c>.</summary>
    public string SourceFormat { get; set; } = "";

    /// <summary>The record as it was read (a JSON object, or a JSON object of CSV columns).</summary>
    public string SourceRecord { get; set; } = "";

    /// <summary>
    /// <see cref="ItemContentHash"/> of the item as stored (written by the import; null for rows
    /// written before it existed or changed through EF, computed on demand by the run engine).
    /// Runs key their cache on it, so an item changed under the same id is scored again.
    /// </summary>
    public string? ContentHash { get; set; }

    public List<ItemLabel> Labels { get; set; } = [];
}
