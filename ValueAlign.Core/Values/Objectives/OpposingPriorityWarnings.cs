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
            var a = system.FindDimensionById(pair.A)!.Name;
            var b = system.FindDimensionById(pair.B)!.Name;
            warnings.Add(new ObjectiveWarning(pair.A, pair.B, Reason(system, a, b, overridden.Contains(Key(pair.A, pair.B)))));
        }
        return warnings;
    }

    private static string Reason(ValueSystem system, string a, string b, bool fromOverride)
    {
        const string conflict = "pursuing one tends to conflict with the other";
        if (fromOverride)
        {
            return $"{a} and {b} are marked opposing in this objective's relation graph: {conflict}.";
        }
        var author = system.Theory.Citation.Split(',', 2)[0].Trim();
        return system.IsCircular
            ? $"{a} and {b} sit opposite on {Possessive(author)} circle ({system.Theory.Name}): {conflict}."
            : $"{a} and {b} are opposing in {system.Name} ({system.Theory.Name}): {conflict}.";
    }

    private static string Possessive(string name) => name.EndsWith('s') ? name + "'" : name + "'s";

    private static string Key(string a, string b) => string.CompareOrdinal(a, b) < 0 ? a + "|" + b : b + "|" + a;
}
