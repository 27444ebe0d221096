namespace ValueAlign.Core.Values.Objectives;

/// <summary>
/// One canonical form per meaning of an objective, so two objectives that ask for the same thing
/// compare equal: priorities in the system's dimension order, and relation overrides reduced to the
/// pairs whose relation differs from the system's default graph (in matrix order; none gives null).
/// An override that restates the default, or a full graph written out as overrides, therefore
/// normalises to the same objective as no override at all.
/// </summary>
public static class ObjectiveNormalForm
{
    /// <summary>The canonical form of a valid objective; name and description are kept as given.</summary>
    public static ValueObjective Of(ValueObjective objective, ValueSystem system)
    {
        objective.EnsureValid(system);
        var graph = objective.GraphFor(system);
        var differing = graph.Pairs().Where(p => system.Relations[p.A, p.B] != p.Relation).ToArray();
        return objective with
        {
            Priorities = objective.InSystemOrder(system),
            RelationOverrides = differing.Length > 0 ? differing : null,
        };
    }

    /// <summary>True when both objectives ask for the same priorities, weights and relation graph (name and description ignored).</summary>
    public static bool SameContent(ValueObjective a, ValueObjective b, ValueSystem system)
    {
        var x = Of(a, system);
        var y = Of(b, system);
        return x.ValueSystemId == y.ValueSystemId
            && x.Priorities.SequenceEqual(y.Priorities)
            && (x.RelationOverrides ?? []).SequenceEqual(y.RelationOverrides ?? []);
    }
}
