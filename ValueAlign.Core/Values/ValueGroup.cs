namespace ValueAlign.Core.Values;

/// <summary>A higher-order group of dimensions (for example Openness to Change).</summary>
public sealed record ValueGroup(string Id, string Name, string Description);
