namespace ValueAlign.Core.Annotation.Model;

/// <summary>
/// An item held for one annotator until it is submitted, skipped or <see cref="ExpiresAt"/> passes;
/// a live reservation counts towards the item's overlap.
/// </summary>
public sealed class Reservation
{
    public long Id { get; set; }

    /// <summary>Copied from the project item so the per-project queries need no join.</summary>
    public long ProjectId { get; set; }

    public long ProjectItemId { get; set; }

    public ProjectItem? ProjectItem { get; set; }

    public string AnnotatorId { get; set; } = "";

    public DateTime ReservedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}
