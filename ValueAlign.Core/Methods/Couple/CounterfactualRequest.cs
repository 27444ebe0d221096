using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// One item to align: the question, the original response (null = let the model answer first), the
/// system and the target objective. <paramref name="Progress"/>, when given, receives every step and
/// every generated piece while the run goes (for streaming views); the result does not depend on it.
/// </summary>
public sealed record CounterfactualRequest(
    ValueSystem System, ValueObjective Objective, string Question, string? Response = null, IProgress<CounterfactualProgress>? Progress = null);
