using System.Text.Json;
using System.Text.Json.Serialization;
using ValueAlign.Core.Benchmarks.Importers;

namespace ValueAlign.Core.Benchmarks.Export;

/// <summary>A row of the Parquet export: the flat columns, labels as a JSON string.</summary>
public sealed class ParquetExportRow
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
    [JsonPropertyName("labels_json")] public string LabelsJson { get; set; } = "[]";
    [JsonPropertyName("verified_labels_json")] public string VerifiedLabelsJson { get; set; } = "[]";
    [JsonPropertyName("source_format")] public string SourceFormat { get; set; } = "";
    [JsonPropertyName("source_record")] public string SourceRecord { get; set; } = "";

    public static ParquetExportRow From(LibraryRecord r) => new()
    {
        Id = r.Id, Benchmark = r.Benchmark, ExternalId = r.ExternalId, Kind = r.Kind, Text = r.Text, Context = r.Context,
        Options = r.Options, Answer = r.Answer, Language = r.Language, Country = r.Country, Modality = r.Modality,
        Media = r.Media, Category = r.Category, Explanation = r.Explanation, KnowledgePoints = r.KnowledgePoints,
        Theme = r.Theme, AlignmentGroup = r.AlignmentGroup, VerificationStatus = r.VerificationStatus,
        LabelsJson = JsonSerializer.Serialize(r.Labels, JsonOutput.Compact),
        VerifiedLabelsJson = JsonSerializer.Serialize(r.VerifiedLabels, JsonOutput.Compact), SourceFormat = r.SourceFormat, SourceRecord = r.SourceRecord,
    };
}
