using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;

namespace ValueAlign.Tests.Values.Objectives;

public sealed class ValueObjectiveTests
{
    private static readonly ValueSystem Schwartz = ValueSystemFiles.Shipped.Get("schwartz-10");

    private static ValueObjective With(params (string Id, int Priority)[] set) =>
        ValueObjective.FromVector(Schwartz, [.. Schwartz.Dimensions.Select(d => set.FirstOrDefault(s => s.Id == d.Id) is { Id: not null } s ? s.Priority : 3)]);

    [Fact]
    public void A_complete_objective_is_valid()
    {
        Assert.Empty(ValueObjective.Uniform(Schwartz, 3).Validate(Schwartz));
    }

    [Fact]
    public void Validation_names_every_problem()
    {
        var priorities = Schwartz.Dimensions.Skip(1).Select(d => new ObjectivePriority(d.Id, 3)).ToList();
        priorities[0] = priorities[0] with { Priority = 6 };
        priorities[1] = priorities[1] with { Importance = 0 };
        priorities.Add(new ObjectivePriority("wealth", 2));
        priorities.Add(new ObjectivePriority("power", 2));
        var objective = new ValueObjective("schwartz-10", priorities, [new RelationPair("power", "power", Relation.Opposing)]);

        var errors = objective.Validate(Schwartz);

        Assert.Contains("priorities[0] (stimulation): priority 6 is outside 1..5.", errors);
        Assert.Contains("priorities[1] (hedonism): importance 0 must be a positive number.", errors);
        Assert.Contains("priorities[9] (wealth): 'wealth' is not a dimension of schwartz-10.", errors);
        Assert.Contains("priorities[10] (power): the dimension appears more than once.", errors);
        Assert.Contains("Dimension 'self-direction' has no priority.", errors);
        Assert.Contains("relationOverrides[0] (power, power): a dimension has no relation to itself.", errors);
        var thrown = Assert.Throws<InvalidObjectiveException>(() => objective.EnsureValid(Schwartz));
        Assert.Equal(errors, thrown.Problems);
    }

    [Fact]
    public void Opposing_dimensions_both_high_are_warned_with_the_theory()
    {
        var warning = Assert.Single(OpposingPriorityWarnings.For(With(("power", 5), ("universalism", 4)), Schwartz));
        Assert.Equal(("power", "universalism"), (warning.DimensionA, warning.DimensionB));
        Assert.Equal("Power and Universalism sit opposite on Schwartz's circle: pursuing one tends to conflict with the other.", warning.Message);
    }

    [Fact]
    public void Relations_the_system_sets_explicitly_are_explained_by_their_groups()
    {
        var warning = Assert.Single(OpposingPriorityWarnings.For(With(("self-direction", 4), ("conformity", 5)), Schwartz));
        Assert.Equal(
            "Self-Direction (Openness to Change) and Conformity (Conservation) are opposing in Schwartz's theory: pursuing one tends to conflict with the other.",
            warning.Message);
    }

    [Fact]
    public void No_warning_when_one_side_is_below_four_or_the_pair_is_consistent()
    {
        Assert.Empty(OpposingPriorityWarnings.For(With(("power", 5), ("universalism", 3)), Schwartz));
        Assert.Equal(Relation.Consistent, Schwartz.Relations["power", "achievement"]);
        Assert.Empty(OpposingPriorityWarnings.For(With(("power", 5), ("achievement", 5)), Schwartz));
    }

    [Fact]
    public void Overrides_change_the_graph_and_the_warnings()
    {
        var objective = With(("power", 5), ("achievement", 5), ("universalism", 5)) with
        {
            RelationOverrides = [new RelationPair("power", "achievement", Relation.Opposing), new RelationPair("power", "universalism", Relation.Unrelated)],
        };
        Assert.Equal(Relation.Opposing, objective.GraphFor(Schwartz)["achievement", "power"]);
        var warnings = OpposingPriorityWarnings.For(objective, Schwartz);
        var overridden = Assert.Single(warnings, w => w.DimensionB == "power" || w.DimensionA == "power");
        Assert.Contains("marked opposing in this objective's relation graph", overridden.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(warnings, w => new[] { w.DimensionA, w.DimensionB }.Order().SequenceEqual(["power", "universalism"]));
    }
}
