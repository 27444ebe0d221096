namespace ValueAlign.Core.Values.Objectives.Store;

/// <summary>One immutable version of a saved objective's content.</summary>
public sealed class ObjectiveVersion
{
    public long Id { get; set; }

    public long ObjectiveId { get; set; }

    /// <summary>1, 2, 3, ... within its objective.</summary>
    public int Version { get; set; }

    /// <summary>
    /// The objective in <see cref="ValueObjectiveJson"/> form, normalised (priorities in the system's
    /// dimension order, only the relation overrides that differ from the system's graph) and without
    /// name or description, which belong to <see cref="SavedObjective"/>.
    /// </summary>
    public string ObjectiveJson { get; set; } = "";

    /// <summary>What changed and why, as the author wrote it (or a generated note such as "Restored version 2").</summary>
    public string Note { get; set; } = "";

    /// <summary>User name of whoever saved this version.</summary>
    public string Author { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
