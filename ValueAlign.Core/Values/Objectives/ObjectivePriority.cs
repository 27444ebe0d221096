namespace ValueAlign.Core.Values.Objectives;

/// <summary>The target priority (1..5) of one dimension and how much hitting it matters (importance weight, &gt; 0).</summary>
public sealed record ObjectivePriority(string DimensionId, int Priority, double Importance = 1.0);
