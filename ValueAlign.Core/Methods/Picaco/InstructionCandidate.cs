namespace ValueAlign.Core.Methods.Picaco;

/// <summary>
/// A meta-instruction that competed in a round's refinement: the current one (<see cref="IsCurrent"/>)
/// or a proposal. <see cref="Objective"/> is null when the proposal was not evaluated, and
/// <see cref="Note"/> says why (empty, or the same text as an earlier candidate).
/// </summary>
public sealed record InstructionCandidate(string Text, bool IsCurrent, CandidateObjective? Objective, string? Note = null);
