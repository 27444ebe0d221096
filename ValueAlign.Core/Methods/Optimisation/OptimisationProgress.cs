namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>Where an optimiser is: round r of T, the phase of the round, and units done of that phase.</summary>
public sealed record OptimisationProgress(int Round, int Rounds, string Phase, int Done, int Total);
