namespace ValueAlign.Core.Annotation.Adjudication;

/// <summary>One annotation a verified label was decided from: who gave which label (null when they left the question unanswered or the annotation was withdrawn).</summary>
public sealed record VerifiedLabelSource(long AnnotationId, string Annotator, string? Label, string? LabelText);

/// <summary>A verified label as the benchmark browser and the exports show it: names instead of ids, option texts next to values.</summary>
public sealed record VerifiedLabelView(
    long Id,
    long ProjectId,
    string ProjectName,
    long BenchmarkItemId,
    string QuestionKey,
    string QuestionText,
    string Label,
    string LabelText,
    VerificationMethod Method,
    string DecidedBy,
    DateTime DecidedAt,
    IReadOnlyList<VerifiedLabelSource> Sources);
