using System.Text.Json.Serialization;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Export;

/// <summary>
/// The library's own JSON-lines record: every field of an item, its labels, its verification
/// status, and the source record verbatim. Exporting and re-importing it gives identical items.
/// The Hugging Face export uses the same flat columns (lists always lists, every key present).
/// </summary>
public sealed class LibraryRecord
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("benchmark")] public string Benchmark { get; set; } = "";
    [JsonPropertyName("external_id")] public string ExternalId { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("text")] public string Text { get; set; } = "";
    [JsonPropertyName("context")] public string? Context { get; set; }
    [JsonPropertyName("options")] public List<string> Options { get; set; } = [];
    [JsonPropertyName("answer")] public string? Answer { get; set; }
    [JsonPropertyName("language")] public string? Language { get; set; }
    [JsonPropertyName("country")] public string? Country { get; set; }
    [JsonPropertyName("modality")] public string Modality { get; set; } = "";
    [JsonPropertyName("media")] public List<string> Media { get; set; } = [];
    [JsonPropertyName("category")] public string? Category { get; set; }
    [JsonPropertyName("explanation")] public string? Explanation { get; set; }
    [JsonPropertyName("knowledge_points")] public List<string> KnowledgePoints { get; set; } = [];
    [JsonPropertyName("theme")] public string? Theme { get; set; }
    [JsonPropertyName("alignment_group")] public string? AlignmentGroup { get; set; }
    [JsonPropertyName("verification_status")] public string VerificationStatus { get; set; } = "";
    [JsonPropertyName("labels")] public List<LibraryLabel> Labels { get; set; } = [];
    [JsonPropertyName("verified_labels")] public List<LibraryVerifiedLabel> VerifiedLabels { get; set; } = [];
    [JsonPropertyName("source_format")] public string SourceFormat { get; set; } = "";
    [JsonPropertyName("source_record")] public string SourceRecord { get; set; } = "";

    /// <param name="verified">The item's verified labels from verification projects, if any.</param>
    public static LibraryRecord From(BenchmarkItem item, IEnumerable<LibraryVerifiedLabel>? verified = null) => new()
    {
        Id = item.Benchmark + "/" + item.ExternalId,
        Benchmark = item.Benchmark,
        ExternalId = item.ExternalId,
        Kind = item.Kind.ToString(),
        Text = item.Text,
        Context = item.Context,
        Options = [.. JsonOutput.ParseList(item.OptionsJson)],
        Answer = item.Answer,
        Language = item.Language,
        Country = item.Country,
        Modality = item.Modality.ToString(),
        Media = [.. JsonOutput.ParseList(item.MediaJson)],
        Category = item.Category,
        Explanation = item.Explanation,
        KnowledgePoints = [.. JsonOutput.ParseList(item.KnowledgePointsJson)],
        Theme = item.Theme,
        AlignmentGroup = item.AlignmentGroup,
        VerificationStatus = item.VerificationStatus.ToString(),
        Labels = [.. item.Labels.OrderBy(l => l.Id).Select(l => new LibraryLabel
        {
            ValueSystem = l.ValueSystemId, Dimension = l.DimensionId, Value = l.Value, Target = l.Target,
        })],
        VerifiedLabels = [.. verified ?? []],
        SourceFormat = item.SourceFormat,
        SourceRecord = item.SourceRecord,
    };
}

public sealed class LibraryLabel
{
    [JsonPropertyName("value_system")] public string ValueSystem { get; set; } = "";
    [JsonPropertyName("dimension")] public string Dimension { get; set; } = "";
    [JsonPropertyName("value")] public double Value { get; set; }
    [JsonPropertyName("target")] public string? Target { get; set; }
}
