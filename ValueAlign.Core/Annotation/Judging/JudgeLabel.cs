namespace ValueAlign.Core.Annotation.Judging;

/// <summary>
/// A model judge's answer to one label-schema question about one benchmark item, written by an
/// evaluation run, so that it can be compared with the verified human label of the same question.
/// </summary>
public sealed class JudgeLabel
{
    public long Id { get; set; }

    public long BenchmarkItemId { get; set; }

    public string QuestionKey { get; set; } = "";

    /// <summary>In the same form as <c>VerifiedLabel.Label</c> (option value, Likert point, or sorted values joined by <c>|</c>).</summary>
    public string Label { get; set; } = "";

    /// <summary>Name of the judge model, e.g. the model registry id.</summary>
    public string JudgeModel { get; set; } = "";

    public long? EvalRunId { get; set; }

    public DateTime CreatedAt { get; set; }
}
