using System.Text.Json.Serialization;
using ValueAlign.Core.Annotation.Adjudication;

namespace ValueAlign.Core.Benchmarks.Export;

/// <summary>A verified label in the exports: which project and question, the label, how and by whom it was decided, and from which annotators' labels.</summary>
public sealed class LibraryVerifiedLabel
{
    [JsonPropertyName("project")] public string Project { get; set; } = "";
    [JsonPropertyName("question")] public string Question { get; set; } = "";
    [JsonPropertyName("label")] public string Label { get; set; } = "";
    [JsonPropertyName("method")] public string Method { get; set; } = "";
    [JsonPropertyName("decided_by")] public string DecidedBy { get; set; } = "";
    [JsonPropertyName("decided_at")] public DateTime DecidedAt { get; set; }
    [JsonPropertyName("sources")] public List<LibraryLabelSource> Sources { get; set; } = [];

    public static LibraryVerifiedLabel From(VerifiedLabelView view) => new()
    {
        Project = view.ProjectName,
        Question = view.QuestionKey,
        Label = view.Label,
        Method = view.Method.ToString(),
        DecidedBy = view.DecidedBy,
        DecidedAt = DateTime.SpecifyKind(view.DecidedAt, DateTimeKind.Utc),
        Sources = [.. view.Sources.Select(s => new LibraryLabelSource { Annotation = s.AnnotationId, Annotator = s.Annotator, Label = s.Label })],
    };
}

/// <summary>One annotation a verified label was decided from.</summary>
public sealed class LibraryLabelSource
{
    [JsonPropertyName("annotation")] public long Annotation { get; set; }
    [JsonPropertyName("annotator")] public string Annotator { get; set; } = "";
    [JsonPropertyName("label")] public string? Label { get; set; }
}
