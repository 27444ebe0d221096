namespace ValueAlign.Core.Annotation.Labels;

/// <summary>One submitted annotation reduced to its comparable labels, keyed by question.</summary>
public sealed record AnnotationLabels(
    long AnnotationId,
    long ProjectItemId,
    long BenchmarkItemId,
    string AnnotatorId,
    DateTime CreatedAt,
    IReadOnlyDictionary<string, string> Labels);
