using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;

namespace ValueAlign.Tests.Values.Objectives;

public sealed class ObjectiveEditsTests
{
    private static readonly ValueSystem Schwartz = ValueSystemFiles.Shipped.Get("schwartz-10");

    [Fact]
    public void Cycling_a_cell_goes_consistent_opposing_unrelated_and_stays_symmetric()
    {
        // power–hedonism is unrelated in the theory: unrelated → consistent → opposing → unrelated.
        var objective = ValueObjective.Uniform(Schwartz, 3);
        Assert.Equal(Relation.Unrelated, Schwartz.Relations["power", "hedonism"]);

        var once = ObjectiveEdits.CycleRelation(objective, Schwartz, "power", "hedonism");
        var twice = ObjectiveEdits.CycleRelation(once, Schwartz, "hedonism", "power");
        var thrice = ObjectiveEdits.CycleRelation(twice, Schwartz, "power", "hedonism");

        Assert.Equal(Relation.Consistent, once.GraphFor(Schwartz)["hedonism", "power"]);
        Assert.Equal(Relation.Opposing, twice.GraphFor(Schwartz)["power", "hedonism"]);
        Assert.Equal([new RelationPair("hedonism", "power", Relation.Opposing)], ObjectiveEdits.ChangedRelations(twice, Schwartz));
        Assert.Null(thrice.RelationOverrides);
        Assert.Empty(ObjectiveEdits.ChangedRelations(thrice, Schwartz));
    }

    [Fact]
    public void Priorities_and_importance_are_clamped_and_presets_keep_weights_and_relations()
    {
        var objective = ObjectiveEdits.CycleRelation(ValueObjective.Uniform(Schwartz, 3), Schwartz, "power", "hedonism");
        objective = ObjectiveEdits.WithImportance(objective, "power", 2.5);

        Assert.Equal(5, ObjectiveEdits.WithPriority(objective, "power", 9).Priorities.Single(p => p.DimensionId == "power").Priority);
        Assert.Equal(1, ObjectiveEdits.WithPriority(objective, "power", 0).Priorities.Single(p => p.DimensionId == "power").Priority);
        Assert.Equal(0.1, ObjectiveEdits.WithImportance(objective, "power", 0).Priorities.Single(p => p.DimensionId == "power").Importance);

        var preset = ObjectiveEdits.WithPriorities(objective, Schwartz, [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
        Assert.Equal([1, 2, 3, 4, 5, 1, 2, 3, 4, 5], preset.InSystemOrder(Schwartz).Select(p => p.Priority));
        Assert.Equal(2.5, preset.Priorities.Single(p => p.DimensionId == "power").Importance);
        Assert.Equal(objective.RelationOverrides, preset.RelationOverrides);
    }
}
