namespace ValueAlign.Core.Annotation.Model;

/// <summary>
/// An annotator who works on a project: only members get items from its queue, and an
/// annotator's project list shows only the projects they are a member of.
/// </summary>
public sealed class ProjectMember
{
    public long ProjectId { get; set; }

    /// <summary>Identity user id, like <c>ItemAnnotation.AnnotatorId</c>.</summary>
    public string UserId { get; set; } = "";

    public DateTime AddedAt { get; set; }
}
