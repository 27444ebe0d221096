namespace ValueAlign.Core.Methods.Couple;

/// <summary>What abduction infers from (question, response): the attributed profile, the observed concepts, and the exogenous content.</summary>
public sealed record AbductionResult(AttributedProfile Profile, IReadOnlyList<ValueConcept> Concepts, ExogenousContent Exogenous);
