namespace ValueAlign.Core.Values.Objectives.Store;

/// <summary>The result of saving: the objective's current version, and whether this save created it (false when nothing had changed).</summary>
public sealed record SaveOutcome(int Version, bool Created);
