using ValueAlign.Core.Methods.Couple;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;
using ValueAlign.Tests.Values;

namespace ValueAlign.Tests.Methods.Couple;

public sealed class GraphInfluenceTests
{
    private static readonly RelationGraph Graph = RelationGraph.Unrelated(["a", "b", "c", "d"]).With(
    [
        new RelationPair("a", "b", Relation.Consistent),
        new RelationPair("a", "c", Relation.Opposing),
    ]);

    [Fact]
    public void Influence_is_the_signed_importance_weighted_mean_of_neighbour_shifts()
    {
        // shifts t - a: a +1, b +2, c +3, d 0; importance 1, 1, 2, 1.
        var influence = GraphInfluence.Compute(Graph, [2, 2, 2, 3], [3, 4, 5, 3], [1, 1, 2, 1]);
        Assert.Equal((1 * 1 * 2.0 - 1 * 2 * 3.0) / (1 + 2), influence[0], 12); // b raised pulls up, c raised pushes down: -4/3
        Assert.Equal(1.0, influence[1], 12); // only a (+1), consistent
        Assert.Equal(-1.0, influence[2], 12); // only a (+1), opposing
        Assert.Equal(0.0, influence[3], 12); // no neighbours
    }

    [Fact]
    public void A_consistent_neighbour_lowered_pulls_down()
    {
        var influence = GraphInfluence.Compute(Graph, [3, 5, 3, 3], [3, 2, 3, 3], [1, 1, 1, 1]);
        Assert.Equal(-3.0 / 2, influence[0], 12); // b -3 (consistent), c 0: (-3 + 0) / 2
    }

    [Fact]
    public void Planner_adds_half_the_influence_and_the_ablation_ignores_the_graph()
    {
        var system = ValueSystemFiles.Shipped.Get("schwartz-10");
        var targets = system.Dimensions.Select(d => d.Id == "power" ? 5 : 3).ToArray();
        var objective = ValueObjective.FromVector(system, targets);
        var profile = new AttributedProfile([.. system.Dimensions.Select(d => DimensionRating.FromDigitOnly(d.Id, 3))]);

        var withGraph = InterventionPlanner.Plan(system, objective, profile, useGraph: true, graphWeight: 0.5);
        var without = InterventionPlanner.Plan(system, objective, profile, useGraph: false, graphWeight: 0.5);

        // Only power must move (+2). A dimension's influence is +-2 over its count of related neighbours.
        foreach (var id in new[] { "achievement", "universalism" })
        {
            var relation = system.Relations["power", id];
            var related = system.Relations.Related(id, Relation.Consistent).Count + system.Relations.Related(id, Relation.Opposing).Count;
            var expected = (relation == Relation.Consistent ? 2.0 : -2.0) / related;
            var planned = withGraph.Single(p => p.DimensionId == id);
            Assert.Equal(expected, planned.Influence, 12);
            Assert.Equal(0.5 * expected, planned.AdjustedShift, 12);
            Assert.Equal(0.0, without.Single(p => p.DimensionId == id).AdjustedShift, 12);
        }
        Assert.Equal(Relation.Consistent, system.Relations["power", "achievement"]);
        Assert.Equal(Relation.Opposing, system.Relations["power", "universalism"]);
        Assert.Equal("power", withGraph[0].DimensionId);
        Assert.Equal(2.0, withGraph[0].AdjustedShift, 12);
        Assert.All(without.Skip(1), p => Assert.Equal(0.0, p.Urgency));
        Assert.Contains(withGraph, p => p.NeighbourNotes.Any(n => n.Contains("Power is raised by 2.0, which pulls this value up", StringComparison.Ordinal)));
        Assert.All(without, p => Assert.Empty(p.NeighbourNotes));
    }

    [Theory]
    [InlineData(0.2, "keep the current level of")]
    [InlineData(1.0, "slightly express more")]
    [InlineData(-2.0, "moderately express less")]
    [InlineData(3.0, "strongly express more")]
    public void Instruction_words_follow_the_adjusted_shift(double shift, string words)
    {
        Assert.Equal(words, DimensionIntervention.Words(shift));
    }
}
