namespace ValueAlign.Core.Annotation.Judging;

/// <summary>
/// A model judge's label for one benchmark item and label-schema question, written by
/// evaluation runs (for example the MoHoBench refusal judge) so the agreement page can compare
/// it with the verified human label for the same item and question.
/// </summary>
public sealed class JudgeLabel
{
    public long Id { get; set; }

    public long BenchmarkItemId { get; set; }

    public string QuestionKey { get; set; } = "";

    public string Label { get; set; } = "";

    /// <summary>Model file name (and hash prefix) of the judge.</summary>
    public string JudgeModel { get; set; } = "";

    public long? EvalRunId { get; set; }

    public DateTime CreatedAt { get; set; }
}
