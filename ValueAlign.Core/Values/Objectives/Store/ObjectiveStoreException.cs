namespace ValueAlign.Core.Values.Objectives.Store;

/// <summary>
/// Why the store refused a request: a missing objective, a taken name, a stale editor, a refused
/// delete. Problems with the objective's fields raise <see cref="InvalidObjectiveException"/> instead.
/// </summary>
public sealed class ObjectiveStoreException(ObjectiveStoreError kind, string message) : Exception(message)
{
    public ObjectiveStoreError Kind { get; } = kind;
}

public enum ObjectiveStoreError
{
    NotFound,
    NameTaken,
    /// <summary>Someone saved a newer version since the caller read the objective.</summary>
    Conflict,
    Forbidden,
}
