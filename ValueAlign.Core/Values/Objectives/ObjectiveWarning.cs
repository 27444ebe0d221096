namespace ValueAlign.Core.Values.Objectives;

/// <summary>A pair of dimensions the objective asks for together although the theory says they conflict.</summary>
public sealed record ObjectiveWarning(string DimensionA, string DimensionB, string Message);
