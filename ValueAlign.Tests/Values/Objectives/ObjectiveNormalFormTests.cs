using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;

namespace ValueAlign.Tests.Values.Objectives;

public sealed class ObjectiveNormalFormTests
{
    private static readonly ValueSystem Schwartz = ValueSystemFiles.Shipped.Get("schwartz-10");

    [Fact]
    public void Overrides_shrink_to_the_pairs_that_differ_from_the_theory()
    {
        // power-benevolence is opposing in the theory (restated: dropped); power-hedonism is unrelated (changed: kept, in matrix order).
        var objective = ValueObjective.Uniform(Schwartz, 3) with
        {
            RelationOverrides =
            [
                new RelationPair("benevolence", "power", Relation.Opposing),
                new RelationPair("power", "hedonism", Relation.Opposing),
            ],
        };

        var normal = ObjectiveNormalForm.Of(objective, Schwartz);

        Assert.Equal([new RelationPair("hedonism", "power", Relation.Opposing)], normal.RelationOverrides);
    }

    [Fact]
    public void Restating_the_whole_default_graph_equals_no_overrides()
    {
        var plain = ValueObjective.Uniform(Schwartz, 3);
        var spelledOut = plain with { RelationOverrides = [.. Schwartz.Relations.Pairs()] };

        Assert.Null(ObjectiveNormalForm.Of(spelledOut, Schwartz).RelationOverrides);
        Assert.True(ObjectiveNormalForm.SameContent(plain, spelledOut, Schwartz));
        Assert.False(ObjectiveNormalForm.SameContent(plain, ValueObjective.Uniform(Schwartz, 4), Schwartz));
    }
}
