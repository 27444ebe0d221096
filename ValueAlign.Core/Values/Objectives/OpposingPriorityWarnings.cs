namespace ValueAlign.Core.Values.Objectives;

/// <summary>
/// Warns when two dimensions that oppose each other in the objective's relation graph are both
/// set high (at least <see cref="HighPriority"/>): pursuing both at once asks for conflicting motivations.
/// </summary>
public static class OpposingPriorityWarnings
{
    public const int HighPriority = 4;

    public static IReadOnlyList<ObjectiveWarning> For(ValueObjective objective, ValueSystem system)
    {
        objective.EnsureValid(system);
        var graph = objective.GraphFor(system);
        var priority = objective.Priorities.ToDictionary(p => p.DimensionId, p => p.Priority);
        var overridden = (objective.RelationOverrides ?? [])
            .Select(r => Key(r.A, r.B)).ToHashSet(StringComparer.Ordinal);
        var warnings = new List<ObjectiveWarning>();
        foreach (var pair in graph.Pairs().Where(p => p.Relation == Relation.Opposing))
        {
            if (priority[pair.A] < HighPriority || priority[pair.B] < HighPriority)
            {
                continue;
            }
            var a = system.FindDimensionById(pair.A)!;
            var b = system.FindDimensionById(pair.B)!;
            warnings.Add(new ObjectiveWarning(pair.A, pair.B, Reason(system, a, b, overridden.Contains(Key(pair.A, pair.B)))));
        }
        return warnings;
    }

    private static string Reason(ValueSystem system, ValueDimension a, ValueDimension b, bool fromOverride)
    {
        const string conflict = "pursuing one tends to conflict with the other";
        if (fromOverride)
        {
            return $"{a.Name} and {b.Name} are marked opposing in this objective's relation graph: {conflict}.";
        }
        var author = Possessive(system.Theory.Citation.Split(',', 2)[0].Trim());
        var explicitly = system.ExplicitRelations.Any(r => (r.A == a.Id && r.B == b.Id) || (r.A == b.Id && r.B == a.Id));
        return system.IsCircular && !explicitly
            ? $"{a.Name} and {b.Name} sit opposite on {author} circle: {conflict}."
            : $"{a.Name}{Groups(system, a)} and {b.Name}{Groups(system, b)} are opposing in {author} theory: {conflict}.";
    }

    private static string Groups(ValueSystem system, ValueDimension dimension)
    {
        var names = dimension.Groups.Select(g => system.FindGroup(g)?.Name).OfType<string>().ToArray();
        return names.Length == 0 ? "" : $" ({string.Join(", ", names)})";
    }

    private static string Possessive(string name) => name.EndsWith('s') ? name + "'" : name + "'s";

    private static string Key(string a, string b) => string.CompareOrdinal(a, b) < 0 ? a + "|" + b : b + "|" + a;
}
