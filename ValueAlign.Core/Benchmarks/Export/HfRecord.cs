using System.Text.Json.Serialization;

namespace ValueAlign.Core.Benchmarks.Export;

/// <summary>
/// A Hugging Face <c>datasets</c> row: the same columns in every row (nulls where empty, lists
/// never null) so Arrow infers one schema; labels as a list of uniform structs.
/// </summary>
public sealed class HfRecord
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

    public static HfRecord From(LibraryRecord r) => new()
    {
        Id = r.Id, Benchmark = r.Benchmark, ExternalId = r.ExternalId, Kind = r.Kind, Text = r.Text, Context = r.Context,
        Options = r.Options, Answer = r.Answer, Language = r.Language, Country = r.Country, Modality = r.Modality,
        Media = r.Media, Category = r.Category, Explanation = r.Explanation, KnowledgePoints = r.KnowledgePoints,
        Theme = r.Theme, AlignmentGroup = r.AlignmentGroup, VerificationStatus = r.VerificationStatus, Labels = r.Labels,
        VerifiedLabels = r.VerifiedLabels,
    };
}
