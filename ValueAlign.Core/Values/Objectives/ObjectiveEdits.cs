namespace ValueAlign.Core.Values.Objectives;

/// <summary>
/// The edits an objective editor makes, as pure functions from one immutable objective to the next,
/// so every editor (objective page, counterfactual inspector) changes objectives the same way.
/// </summary>
public static class ObjectiveEdits
{
    public const double MinImportance = 0.1;
    public const double MaxImportance = 10;

    /// <summary>The dimension's priority set to <paramref name="priority"/>, clamped to 1..5.</summary>
    public static ValueObjective WithPriority(ValueObjective objective, string dimensionId, int priority) =>
        Replace(objective, dimensionId, p => p with { Priority = Math.Clamp(priority, ValueObjective.MinPriority, ValueObjective.MaxPriority) });

    /// <summary>The dimension's importance set to <paramref name="importance"/>, clamped to 0.1..10 (a weight of 0 would silently drop the dimension).</summary>
    public static ValueObjective WithImportance(ValueObjective objective, string dimensionId, double importance) =>
        Replace(objective, dimensionId, p => p with { Importance = double.IsFinite(importance) ? Math.Clamp(importance, MinImportance, MaxImportance) : 1.0 });

    /// <summary>Priorities given in the system's dimension order replace the current ones; importance weights and relations stay.</summary>
    public static ValueObjective WithPriorities(ValueObjective objective, ValueSystem system, IReadOnlyList<int> priorities)
    {
        if (priorities.Count != system.Dimensions.Count)
        {
            throw new ArgumentException($"{system.Id} has {system.Dimensions.Count} dimensions; got {priorities.Count} priorities.", nameof(priorities));
        }
        var result = objective;
        for (var i = 0; i < priorities.Count; i++)
        {
            result = WithPriority(result, system.Dimensions[i].Id, priorities[i]);
        }
        return result;
    }

    /// <summary>The relation a cell moves to when clicked: consistent → opposing → unrelated → consistent.</summary>
    public static Relation Next(Relation relation) => relation switch
    {
        Relation.Consistent => Relation.Opposing,
        Relation.Opposing => Relation.Unrelated,
        _ => Relation.Consistent,
    };

    /// <summary>
    /// Moves the pair (a, b) to its <see cref="Next"/> relation. The graph stays symmetric (both
    /// directions change together), and the overrides are kept minimal: only pairs that differ from
    /// the system's default graph, so cycling a cell back to the theory's relation removes its override.
    /// </summary>
    public static ValueObjective CycleRelation(ValueObjective objective, ValueSystem system, string a, string b)
    {
        var current = objective.GraphFor(system);
        var graph = current.With([new RelationPair(a, b, Next(current[a, b]))]);
        var differing = graph.Pairs().Where(p => system.Relations[p.A, p.B] != p.Relation).ToArray();
        return objective with { RelationOverrides = differing.Length > 0 ? differing : null };
    }

    /// <summary>The system's own graph again (no overrides).</summary>
    public static ValueObjective ResetRelations(ValueObjective objective) => objective with { RelationOverrides = null };

    /// <summary>The pairs whose relation in the objective differs from the system's default graph.</summary>
    public static IReadOnlyList<RelationPair> ChangedRelations(ValueObjective objective, ValueSystem system) =>
        objective.GraphFor(system).Pairs().Where(p => system.Relations[p.A, p.B] != p.Relation).ToArray();

    private static ValueObjective Replace(ValueObjective objective, string dimensionId, Func<ObjectivePriority, ObjectivePriority> change)
    {
        var index = objective.Priorities.ToList().FindIndex(p => p.DimensionId == dimensionId);
        if (index < 0)
        {
            throw new ArgumentException($"The objective has no dimension '{dimensionId}'.", nameof(dimensionId));
        }
        var priorities = objective.Priorities.ToArray();
        priorities[index] = change(priorities[index]);
        return objective with { Priorities = priorities };
    }
}
