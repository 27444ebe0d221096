using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Annotation.Model;

/// <summary>One benchmark item in a project, with the count of its submitted annotations.</summary>
public sealed class ProjectItem
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public VerificationProject? Project { get; set; }

    public long ItemId { get; set; }

    public BenchmarkItem? Item { get; set; }

    /// <summary>Gold items have known answers; they measure annotator accuracy and are not bound by the overlap.</summary>
    public bool IsGold { get; set; }

    /// <summary>Expected answers of a gold item as <c>AnnotationAnswers</c> JSON; null otherwise.</summary>
    public string? GoldAnswersJson { get; set; }

    /// <summary>Submitted (not undone) annotations; kept in step inside the assignment transaction.</summary>
    public int AnnotationCount { get; set; }

    /// <summary>
    /// Position among equally annotated items, drawn from the project seed and the item id when the
    /// item joins the project, so the tie order is random yet repeatable and sortable in SQL.
    /// </summary>
    public long TieBreak { get; set; }
}
