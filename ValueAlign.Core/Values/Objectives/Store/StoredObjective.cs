namespace ValueAlign.Core.Values.Objectives.Store;

/// <summary>
/// One version of a saved objective, read back: the objective (with the saved objective's current
/// name and description filled in), which version it is and the objective's metadata.
/// </summary>
public sealed record StoredObjective(ObjectiveSummary Summary, ObjectiveVersionInfo Version, ValueObjective Objective)
{
    public long Id => Summary.Id;

    /// <summary>True when this is the newest version.</summary>
    public bool IsCurrent => Version.Version == Summary.CurrentVersion;
}
