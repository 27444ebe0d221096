namespace ValueAlign.Core.Methods.Irote;

/// <summary>
/// One finished IROTE round: every candidate that competed (carried over, initial, synthesised,
/// revised) with its R, the compactness step's behaviours, and the reflections kept for the next
/// round, best first.
/// </summary>
public sealed record IroteRound(
    int Round,
    IReadOnlyList<ReflectionCandidate> Candidates,
    IReadOnlyList<ImpliedBehaviours> Behaviours,
    IReadOnlyList<ReflectionCandidate> Kept,
    TimeSpan Elapsed)
{
    public ReflectionCandidate Best => Kept[0];

    public double MeanKeptEvocativeness => Kept.Average(k => k.Evocativeness!.Value);
}

/// <summary>The rounds run so far, the best reflection, and why the optimisation stopped.</summary>
public sealed record IroteResult(IReadOnlyList<IroteRound> Rounds, string Reflection, string? StopReason);
