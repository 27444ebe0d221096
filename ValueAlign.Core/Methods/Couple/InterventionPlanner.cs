using System.Globalization;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// Plans the per-dimension interventions from the attributed profile, the objective and (unless
/// ablated) the relation graph, under do(V = s) semantics:
/// <list type="bullet">
/// <item>A dimension is intervened on when its wanted shift |t_i − a_i| reaches the minimum shift.
/// A dimension already at its target (within the minimum) is held there: graph influence does not
/// move it, it gets no neighbour notes and no counterfactual concept.</item>
/// <item>Graph influence only adjusts how strongly an intervened dimension is moved, never the
/// direction its target sets: the adjusted shift keeps the sign of t_i − a_i and is at least the
/// minimum shift in size (a neighbour pulling against the target weakens the intervention to
/// "slightly", it cannot cancel or reverse it).</item>
/// </list>
/// The shipped relation graphs are symmetric (consistent / opposing / unrelated), so no dimension
/// is "downstream" of another: the intervened dimensions are the only ones the graph adjusts.
/// </summary>
public static class InterventionPlanner
{
    /// <returns>Every dimension's intervention, most urgent first (ties keep the system order).</returns>
    public static IReadOnlyList<DimensionIntervention> Plan(
        ValueSystem system, ValueObjective objective, AttributedProfile profile, bool useGraph, double graphWeight, double minimumShift)
    {
        var priorities = objective.InSystemOrder(system);
        var graph = objective.GraphFor(system);
        var attributed = profile.Expectations;
        var target = priorities.Select(p => (double)p.Priority).ToArray();
        var importance = priorities.Select(p => p.Importance).ToArray();
        var influence = useGraph ? GraphInfluence.Compute(graph, attributed, target, importance) : new double[target.Length];
        var plan = new List<DimensionIntervention>();
        for (var i = 0; i < system.Dimensions.Count; i++)
        {
            var dimension = system.Dimensions[i];
            var shift = target[i] - attributed[i];
            var intervened = Math.Abs(shift) >= minimumShift;
            var applied = intervened ? influence[i] : 0;
            var adjusted = intervened ? KeepDirection(shift, shift + graphWeight * applied, minimumShift) : shift;
            var notes = useGraph && intervened ? Notes(system, graph, dimension.Id, attributed, target) : [];
            plan.Add(new DimensionIntervention(dimension.Id, dimension.Name, attributed[i], priorities[i].Priority, importance[i],
                shift, applied, adjusted, notes));
        }
        return plan.Select((p, i) => (p, i)).OrderByDescending(x => x.p.Urgency).ThenBy(x => x.i).Select(x => x.p).ToArray();
    }

    /// <summary>The adjusted shift in the direction of the target, at least <paramref name="minimumShift"/> in size.</summary>
    private static double KeepDirection(double shift, double adjusted, double minimumShift) =>
        Math.Sign(adjusted) == Math.Sign(shift) && Math.Abs(adjusted) >= minimumShift ? adjusted : Math.Sign(shift) * minimumShift;

    private static IReadOnlyList<string> Notes(ValueSystem system, RelationGraph graph, string id, IReadOnlyList<double> attributed, IReadOnlyList<double> target)
    {
        var notes = new List<string>();
        foreach (var (relation, effect) in new[] { (Relation.Consistent, "consistent"), (Relation.Opposing, "opposing") })
        {
            foreach (var other in graph.Related(id, relation))
            {
                var j = graph.DimensionIds.ToList().IndexOf(other);
                var shift = target[j] - attributed[j];
                if (Math.Abs(shift) < 0.5)
                {
                    continue;
                }
                var direction = shift > 0 ? "raised" : "lowered";
                var pull = (relation == Relation.Consistent) == (shift > 0) ? "pulls this value up" : "pushes this value down";
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"The {effect} value {system.FindDimensionById(other)!.Name} is {direction} by {Math.Abs(shift):0.0}, which {pull}."));
            }
        }
        return notes;
    }
}
