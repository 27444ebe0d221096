using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;

namespace ValueAlign.Web.Components.Shared.Objectives;

/// <summary>Turns objectives into what <see cref="ValueProfileChart"/> draws.</summary>
public static class ObjectiveTraces
{
    public static IReadOnlyList<(string Id, string Name)> Dimensions(ValueSystem system) =>
        system.Dimensions.Select(d => (d.Id, d.Name)).ToArray();

    public static ValueProfileTrace Of(ValueObjective objective, string name, string color = "#1565c0") =>
        new(name, objective.Priorities.ToDictionary(p => p.DimensionId, p => (double)p.Priority), color) { Filled = true };
}
