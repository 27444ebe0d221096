namespace ValueAlign.Core.Methods.Couple.Inspection;

/// <summary>
/// One inspected run: the request, the method's result, the original's attributed profile with its
/// metrics against the target (<see cref="Before"/>: COUPLE's abduction, or a separate attribution
/// for a baseline; null when there is none), the rewrite's (<see cref="After"/>) and the word diff
/// of the original against the final response (empty without an original).
/// </summary>
public sealed record CounterfactualInspection(
    CounterfactualRequest Request, CounterfactualResult Result, EvaluationResult? Before, IReadOnlyList<DiffSegment> Diff)
{
    public EvaluationResult? After => Result.Evaluation;

    /// <summary>The target priorities in the system's dimension order.</summary>
    public IReadOnlyList<double> Target { get; } = TargetOf(Request);

    /// <summary>
    /// Builds the inspection of <paramref name="result"/>; <paramref name="originalProfile"/> is the
    /// original's attribution, used when the method did not attribute it itself (the baselines).
    /// </summary>
    public static CounterfactualInspection Of(CounterfactualRequest request, CounterfactualResult result, AttributedProfile? originalProfile = null)
    {
        var before = result.Abduction?.Profile ?? originalProfile;
        var beforeMetrics = before is null ? null : new EvaluationResult(before, AlignmentMetrics.Between(before.Expectations, TargetOf(request)));
        var diff = request.Response is { } original ? WordDiff.Compare(original, result.FinalResponse ?? original) : [];
        return new CounterfactualInspection(request, result, beforeMetrics, diff);
    }

    /// <summary>
    /// The run's numbers by name, as the batch study stores them: <c>mae</c> and <c>spearman</c> of the
    /// rewrite (Spearman left out when undefined: JSON has no NaN), and COUPLE's <c>deviation_before</c>
    /// and <c>meets_objective</c>.
    /// </summary>
    public IReadOnlyDictionary<string, double> Scores()
    {
        var scores = new Dictionary<string, double>();
        if (After is { } after)
        {
            scores["mae"] = after.Metrics.MeanAbsoluteError;
            if (double.IsFinite(after.Metrics.Spearman))
                scores["spearman"] = after.Metrics.Spearman;
        }
        if (Result.Action is { } action)
        {
            scores["deviation_before"] = action.Deviation;
            scores["meets_objective"] = action.MeetsObjective ? 1 : 0;
        }
        return scores;
    }

    private static double[] TargetOf(CounterfactualRequest request) =>
        request.Objective.InSystemOrder(request.System).Select(p => (double)p.Priority).ToArray();
}
