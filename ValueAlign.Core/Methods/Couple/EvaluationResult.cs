namespace ValueAlign.Core.Methods.Couple;

/// <summary>The re-attributed profile of the final response and its metrics against the target.</summary>
public sealed record EvaluationResult(AttributedProfile Profile, AlignmentMetrics Metrics);
