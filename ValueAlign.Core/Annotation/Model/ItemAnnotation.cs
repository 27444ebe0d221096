namespace ValueAlign.Core.Annotation.Model;

/// <summary>
/// One annotator's submitted answers for one project item (named ItemAnnotation because
/// <c>Annotation</c> is the namespace). Undo deletes the row and gives the item back to the annotator.
/// </summary>
public sealed class ItemAnnotation
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public long ProjectItemId { get; set; }

    public ProjectItem? ProjectItem { get; set; }

    public string AnnotatorId { get; set; } = "";

    /// <summary>The reservation that was submitted; unique, so a retried submit finds its first result.</summary>
    public long ReservationId { get; set; }

    /// <summary><c>AnnotationAnswers</c> JSON: one answer per question key plus the set flags.</summary>
    public string AnswersJson { get; set; } = "{}";

    public long TimeSpentMs { get; set; }

    public DateTime CreatedAt { get; set; }
}
