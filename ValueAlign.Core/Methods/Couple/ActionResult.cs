namespace ValueAlign.Core.Methods.Couple;

/// <summary>What the action step decided: the deviation, whether the response already meets the objective, and the interventions (most urgent first).</summary>
public sealed record ActionResult(double Deviation, double Threshold, bool MeetsObjective, bool UsedGraph, IReadOnlyList<DimensionIntervention> Interventions);
