namespace ValueAlign.Core.Annotation.Model;

/// <summary>An annotator passed on an item; it is never served to them again.</summary>
public sealed class ItemSkip
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public long ProjectItemId { get; set; }

    public ProjectItem? ProjectItem { get; set; }

    public string AnnotatorId { get; set; } = "";

    /// <summary>The skipped reservation; unique, so a retried skip is recognised.</summary>
    public long ReservationId { get; set; }

    public DateTime CreatedAt { get; set; }
}
