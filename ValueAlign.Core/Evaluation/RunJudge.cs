using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Evaluation;

/// <summary>
/// Who judged a run's outputs: a separate judge model, the evaluated model itself ("self-judged",
/// shown wherever the run's figures are: run page, reports, exports, shared dashboards), or nobody
/// (methods that judge nothing, and runs created before judges were recorded).
/// </summary>
public sealed record RunJudge(ModelRef? Judge, bool SelfJudged)
{
    public const string SelfJudgedLabel = "self-judged";

    public static RunJudge None { get; } = new(null, false);

    public static RunJudge Of(EvalRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.JudgeIdentity is not { } judge)
            return None;
        return new RunJudge(judge, string.Equals(judge.Canonical, run.ModelIdentity.Canonical, StringComparison.Ordinal));
    }

    /// <summary>"self-judged", "judged by X", or null when nobody judged.</summary>
    public string? Label => Judge is null ? null : SelfJudged ? SelfJudgedLabel : $"judged by {Judge.Display}";
}
