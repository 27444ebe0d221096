namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// What the action step decided: the deviation, whether the response already meets the objective,
/// and the interventions (most urgent first). <see cref="NothingToRewrite"/> is set when the
/// response misses the objective yet no dimension's adjusted shift reaches the minimum shift, so
/// the prediction step has nothing to change and is skipped.
/// </summary>
public sealed record ActionResult(double Deviation, double Threshold, bool MeetsObjective, bool UsedGraph, IReadOnlyList<DimensionIntervention> Interventions)
{
    public bool NothingToRewrite { get; init; }

    /// <summary>Why prediction was skipped, for the trace; null when it runs.</summary>
    public string? SkipReason { get; init; }
}
