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

    private static readonly ValueSystem Schwartz = ValueSystemFiles.Shipped.Get("schwartz-10");

    /// <summary>The objective sets the listed targets and 3 elsewhere; the response is attributed 3 everywhere except the listed attributions.</summary>
    private static IReadOnlyList<DimensionIntervention> Plan(Dictionary<string, int> targets, Dictionary<string, int> attributed, bool useGraph = true)
    {
        var objective = ValueObjective.FromVector(Schwartz, [.. Schwartz.Dimensions.Select(d => targets.GetValueOrDefault(d.Id, 3))]);
        var profile = new AttributedProfile([.. Schwartz.Dimensions.Select(d => DimensionRating.FromDigitOnly(d.Id, attributed.GetValueOrDefault(d.Id, 3)))]);
        return InterventionPlanner.Plan(Schwartz, objective, profile, useGraph, graphWeight: 0.5, minimumShift: 0.5);
    }

    [Fact]
    public void Power_and_achievement_have_two_consistent_and_two_opposing_neighbours()
    {
        // The circle (9 positions, 40° apart) with the file's overrides: power is adjacent to
        // achievement and security and opposes universalism and benevolence (self-direction is set unrelated).
        Assert.Equal(["achievement", "security"], Schwartz.Relations.Related("power", Relation.Consistent).Order());
        Assert.Equal(["benevolence", "universalism"], Schwartz.Relations.Related("power", Relation.Opposing).Order());
        Assert.Equal(["hedonism", "power"], Schwartz.Relations.Related("achievement", Relation.Consistent).Order());
        Assert.Equal(["benevolence", "universalism"], Schwartz.Relations.Related("achievement", Relation.Opposing).Order());
    }

    [Fact]
    public void Graph_influence_adjusts_only_the_dimensions_intervened_on()
    {
        // Power and achievement must rise by 2 (3 -> 5); every other dimension is at its target.
        var plan = Plan(new() { ["power"] = 5, ["achievement"] = 5 }, []);

        // Power: neighbours achievement (+2, consistent), security, universalism, benevolence (0):
        // influence = (+1 * 2) / 4 = 0.5; adjusted = 2 + 0.5 * 0.5 = 2.25. Achievement alike.
        var power = plan.Single(p => p.DimensionId == "power");
        Assert.Equal(0.5, power.Influence, 12);
        Assert.Equal(2.25, power.AdjustedShift, 12);
        Assert.Equal(2.25, plan.Single(p => p.DimensionId == "achievement").AdjustedShift, 12);
        Assert.Contains("The consistent value Achievement is raised by 2.0, which pulls this value up.", power.NeighbourNotes);
        // do(V = s): a dimension already at its target is held there, whatever its neighbours do.
        // Hedonism (consistent with achievement) and universalism (opposing both) would otherwise move.
        foreach (var held in plan.Where(p => p.DimensionId is not ("power" or "achievement")))
        {
            Assert.Equal(0.0, held.Shift, 12);
            Assert.Equal(0.0, held.Influence, 12);
            Assert.Equal(0.0, held.AdjustedShift, 12);
            Assert.Empty(held.NeighbourNotes);
            Assert.Equal("keep the current level of", held.Instruction);
        }
        Assert.Equal(["achievement", "power"], plan.Take(2).Select(p => p.DimensionId)); // equal urgency: system order
    }

    [Fact]
    public void A_neighbour_pulling_against_the_target_weakens_the_intervention_but_never_reverses_it()
    {
        // Power must rise by 1 (3 -> 4); universalism and benevolence, both opposing power, must rise by 4 (1 -> 5).
        // influence on power = (-4 - 4) / 4 = -2; 1 + 0.5 * (-2) = 0 would cancel do(power = 4):
        // the adjusted shift keeps the target's direction at the minimum shift, +0.5 ("slightly").
        var plan = Plan(new() { ["power"] = 4, ["universalism"] = 5, ["benevolence"] = 5 }, new() { ["universalism"] = 1, ["benevolence"] = 1 });

        var power = plan.Single(p => p.DimensionId == "power");
        Assert.Equal(-2.0, power.Influence, 12);
        Assert.Equal(0.5, power.AdjustedShift, 12);
        Assert.Equal("slightly express more", power.Instruction);
    }

    [Fact]
    public void The_ablation_ignores_the_graph()
    {
        var plan = Plan(new() { ["power"] = 5, ["achievement"] = 5 }, [], useGraph: false);

        Assert.All(plan, p => Assert.Equal(0.0, p.Influence));
        Assert.All(plan, p => Assert.Empty(p.NeighbourNotes));
        Assert.Equal(2.0, plan.Single(p => p.DimensionId == "power").AdjustedShift, 12);
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
