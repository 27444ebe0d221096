namespace ValueAlign.Core.Annotation.Adjudication;

/// <summary>
/// The accepted answer of one question about one project item: who accepted it, when, and from
/// which annotations. One per (project item, question); a new decision replaces the old one.
/// </summary>
public sealed class VerifiedLabel
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public long ProjectItemId { get; set; }

    /// <summary>Copied from the project item so the benchmark browser and exports need no join.</summary>
    public long BenchmarkItemId { get; set; }

    public string QuestionKey { get; set; } = "";

    /// <summary>The label as the agreement statistics see it: the option value, the Likert point, or several option values joined by <c>|</c> (sorted) for a multiple-choice question.</summary>
    public string Label { get; set; } = "";

    /// <summary>User id of the curator who decided, or who ran the automatic verification.</summary>
    public string DecidedBy { get; set; } = "";

    public DateTime DecidedAt { get; set; }

    /// <summary>JSON array of the ids of the annotations whose labels the decision was made from.</summary>
    public string SourceAnnotationIdsJson { get; set; } = "[]";

    public VerificationMethod Method { get; set; }
}
