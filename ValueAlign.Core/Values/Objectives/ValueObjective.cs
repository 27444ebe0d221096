namespace ValueAlign.Core.Values.Objectives;

/// <summary>
/// A value objective: for one value system, the priority (1..5) the answer should give every
/// dimension and each dimension's importance, optionally with relation-graph edges that override
/// the system's default graph. Immutable; check it against its system with <see cref="Validate"/>.
/// </summary>
public sealed record ValueObjective(
    string ValueSystemId,
    IReadOnlyList<ObjectivePriority> Priorities,
    IReadOnlyList<RelationPair>? RelationOverrides = null,
    string? Name = null,
    string? Description = null)
{
    public const int MinPriority = 1;
    public const int MaxPriority = 5;

    /// <summary>An objective for <paramref name="system"/> with every dimension at <paramref name="priority"/> and importance 1.</summary>
    public static ValueObjective Uniform(ValueSystem system, int priority) =>
        new(system.Id, system.Dimensions.Select(d => new ObjectivePriority(d.Id, priority)).ToArray());

    /// <summary>An objective from priorities given in the system's dimension order, importance 1.</summary>
    public static ValueObjective FromVector(ValueSystem system, IReadOnlyList<int> priorities)
    {
        if (priorities.Count != system.Dimensions.Count)
        {
            throw new ArgumentException($"{system.Id} has {system.Dimensions.Count} dimensions; got {priorities.Count} priorities.", nameof(priorities));
        }
        return new(system.Id, system.Dimensions.Select((d, i) => new ObjectivePriority(d.Id, priorities[i])).ToArray());
    }

    /// <summary>Every problem that makes this objective unusable with <paramref name="system"/>; empty when valid.</summary>
    public IReadOnlyList<string> Validate(ValueSystem system)
    {
        var errors = new List<string>();
        if (ValueSystemId != system.Id)
        {
            errors.Add($"The objective is for value system '{ValueSystemId}', not '{system.Id}'.");
            return errors;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Priorities.Count; i++)
        {
            var p = Priorities[i];
            var where = $"priorities[{i}] ({p.DimensionId})";
            if (system.FindDimensionById(p.DimensionId) is null)
            {
                errors.Add($"{where}: '{p.DimensionId}' is not a dimension of {system.Id}.");
            }
            else if (!seen.Add(p.DimensionId))
            {
                errors.Add($"{where}: the dimension appears more than once.");
            }
            if (p.Priority is < MinPriority or > MaxPriority)
            {
                errors.Add($"{where}: priority {p.Priority} is outside {MinPriority}..{MaxPriority}.");
            }
            if (!double.IsFinite(p.Importance) || p.Importance <= 0)
            {
                errors.Add($"{where}: importance {p.Importance} must be a positive number.");
            }
        }
        foreach (var missing in system.Dimensions.Where(d => Priorities.All(p => p.DimensionId != d.Id)))
        {
            errors.Add($"Dimension '{missing.Id}' has no priority.");
        }
        for (var i = 0; i < (RelationOverrides?.Count ?? 0); i++)
        {
            var r = RelationOverrides![i];
            var where = $"relationOverrides[{i}] ({r.A}, {r.B})";
            if (r.A == r.B)
            {
                errors.Add($"{where}: a dimension has no relation to itself.");
            }
            foreach (var id in new[] { r.A, r.B }.Where(id => system.FindDimensionById(id) is null).Distinct())
            {
                errors.Add($"{where}: '{id}' is not a dimension of {system.Id}.");
            }
            if (!Enum.IsDefined(r.Relation))
            {
                errors.Add($"{where}: unknown relation {(int)r.Relation}.");
            }
        }
        return errors;
    }

    /// <summary>Throws <see cref="InvalidObjectiveException"/> listing every problem when the objective does not fit <paramref name="system"/>.</summary>
    public void EnsureValid(ValueSystem system)
    {
        var errors = Validate(system);
        if (errors.Count > 0)
        {
            throw new InvalidObjectiveException(errors);
        }
    }

    /// <summary>The system's relation graph with this objective's overrides applied.</summary>
    public RelationGraph GraphFor(ValueSystem system) =>
        RelationOverrides is { Count: > 0 } overrides ? system.Relations.With(overrides) : system.Relations;

    /// <summary>The priorities in the system's dimension order (assumes a valid objective).</summary>
    public IReadOnlyList<ObjectivePriority> InSystemOrder(ValueSystem system) =>
        system.Dimensions.Select(d => Priorities.First(p => p.DimensionId == d.Id)).ToArray();
}
