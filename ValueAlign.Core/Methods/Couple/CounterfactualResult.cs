namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// The outcome of one method on one item. <see cref="FinalResponse"/> is what the method produced
/// (the original when it already met the objective); <see cref="Evaluation"/> is null when a step
/// failed, in which case <see cref="Trace"/> holds the errors.
/// </summary>
public sealed record CounterfactualResult(
    string Method,
    string? OriginalResponse,
    string? FinalResponse,
    AbductionResult? Abduction,
    ActionResult? Action,
    EvaluationResult? Evaluation,
    CoupleTrace Trace)
{
    /// <summary>True when abduction found the original within the deviation threshold, so it was not rewritten.</summary>
    public bool AlreadyMeetsObjective => Action?.MeetsObjective == true;

    public bool Succeeded => Evaluation is not null;

    public IReadOnlyList<string> Errors => Trace.Errors;
}
