using System.Text.Json.Serialization;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// How the generic importer turns a row of any CSV/TSV/JSONL/Parquet file into an item: target
/// field ← source column, fixed values, and label columns. Saved as JSON in an
/// <see cref="ImportPreset"/>.
/// </summary>
public sealed class ColumnMapping
{
    /// <summary>Targets a column can fill. List targets accept a JSON array or '|'-separated text.</summary>
    public static readonly IReadOnlySet<string> Targets = new HashSet<string>(StringComparer.Ordinal)
    {
        "external_id", "text", "context", "options", "answer", "language", "country", "modality", "media",
        "category", "explanation", "knowledge_points", "theme", "alignment_group",
    };

    public static readonly IReadOnlySet<string> ListTargets = new HashSet<string>(StringComparer.Ordinal) { "options", "media", "knowledge_points" };

    /// <summary><c>csv</c>, <c>tsv</c>, <c>jsonl</c> or <c>parquet</c>; empty means by extension.</summary>
    [JsonPropertyName("format")] public string? Format { get; set; }

    [JsonPropertyName("benchmark")] public string Benchmark { get; set; } = "";

    [JsonPropertyName("kind")]
    [JsonConverter(typeof(JsonStringEnumConverter<ItemKind>))]
    public ItemKind Kind { get; set; } = ItemKind.ValueLabelledText;

    /// <summary>Target field → source column name.</summary>
    [JsonPropertyName("columns")] public Dictionary<string, string> Columns { get; set; } = [];

    /// <summary>Target field → a value every item gets (e.g. <c>language</c> = <c>en</c>).</summary>
    [JsonPropertyName("constants")] public Dictionary<string, string> Constants { get; set; } = [];

    [JsonPropertyName("labels")] public List<LabelColumn> Labels { get; set; } = [];

    /// <summary>Problems that make the mapping unusable, in words.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Benchmark)) yield return "the mapping names no benchmark";
        foreach (var target in Columns.Keys.Concat(Constants.Keys).Where(t => !Targets.Contains(t)))
        {
            yield return $"'{target}' is not a target field (known: {string.Join(", ", Targets)})";
        }
        if (!Columns.ContainsKey("text")) yield return "the mapping does not say which column holds the text";
        foreach (var label in Labels.Where(l => string.IsNullOrWhiteSpace(l.Column) || string.IsNullOrWhiteSpace(l.ValueSystemId) || string.IsNullOrWhiteSpace(l.DimensionId)))
        {
            yield return $"label column '{label.Column}' needs a column, a value system and a dimension";
        }
    }

    /// <summary>The source columns the mapping reads.</summary>
    public IEnumerable<string> SourceColumns() => Columns.Values.Concat(Labels.Select(l => l.Column)).Distinct();
}

/// <summary>A numeric source column that becomes a label on a value-system dimension.</summary>
public sealed class LabelColumn
{
    [JsonPropertyName("column")] public string Column { get; set; } = "";
    [JsonPropertyName("value_system")] public string ValueSystemId { get; set; } = "";
    [JsonPropertyName("dimension")] public string DimensionId { get; set; } = "";
}
