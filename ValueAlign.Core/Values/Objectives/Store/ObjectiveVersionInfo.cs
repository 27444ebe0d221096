namespace ValueAlign.Core.Values.Objectives.Store;

/// <summary>One entry of an objective's version history (without its content).</summary>
public sealed record ObjectiveVersionInfo(int Version, string Note, string Author, DateTime CreatedAt);
