namespace ValueAlign.Core.Values.Objectives.Store;

/// <summary>
/// A named value objective kept in the database. Its content (priorities, importance weights,
/// relation overrides) lives in <see cref="Versions"/>; every content change appends a version and
/// <see cref="CurrentVersion"/> points at the newest. Name and description are metadata and change
/// in place (they do not make a version).
/// </summary>
public sealed class SavedObjective
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>Id of the catalogue value system; fixed once the objective exists.</summary>
    public string ValueSystemId { get; set; } = "";

    /// <summary>User name of the person who created the objective (its owner).</summary>
    public string CreatedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>When the last version was added or the metadata last changed.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Number of the newest version (the first is 1).</summary>
    public int CurrentVersion { get; set; }

    public List<ObjectiveVersion> Versions { get; set; } = [];
}
