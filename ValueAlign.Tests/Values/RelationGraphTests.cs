using ValueAlign.Core.Values;

namespace ValueAlign.Tests.Values;

public class RelationGraphTests
{
    private static ValueDimension D(string id, double? angle = null) => new(id, id, id, angle, [], [], false);

    [Fact]
    public void Unrelated_graph_has_every_pair_unrelated()
    {
        var g = RelationGraph.Unrelated(["a", "b", "c"]);
        Assert.Equal(3, g.Count(Relation.Unrelated));
        Assert.Equal(0, g.Count(Relation.Consistent));
        Assert.Equal(Relation.Unrelated, g["a", "c"]);
    }

    [Fact]
    public void With_sets_both_directions_and_leaves_the_original_unchanged()
    {
        var g = RelationGraph.Unrelated(["a", "b", "c"]);
        var h = g.With([new RelationPair("c", "a", Relation.Opposing)]);

        Assert.Equal(Relation.Opposing, h["a", "c"]);
        Assert.Equal(Relation.Opposing, h["c", "a"]);
        Assert.Equal(Relation.Unrelated, g["a", "c"]);
        Assert.Equal(["c"], h.Related("a", Relation.Opposing));
    }

    [Fact]
    public void Self_edges_and_unknown_ids_are_refused()
    {
        var g = RelationGraph.Unrelated(["a", "b"]);
        Assert.Throws<ArgumentException>(() => g["a", "a"]);
        Assert.Throws<ArgumentException>(() => g.With([new RelationPair("b", "b", Relation.Consistent)]));
        var unknown = Assert.Throws<KeyNotFoundException>(() => g["a", "z"]);
        Assert.Contains("'z'", unknown.Message);
    }

    [Fact]
    public void Even_circle_opposes_only_the_facing_position()
    {
        // Six positions 60 degrees apart: each has two neighbours, one opposite (180), two unrelated (120).
        var g = RelationGraph.FromCircle([D("a", 0), D("b", 60), D("c", 120), D("d", 180), D("e", 240), D("f", 300)]);

        Assert.Equal(["b", "f"], g.Related("a", Relation.Consistent));
        Assert.Equal(["d"], g.Related("a", Relation.Opposing));
        Assert.Equal(["c", "e"], g.Related("a", Relation.Unrelated));
        Assert.Equal(6, g.Count(Relation.Consistent));
        Assert.Equal(3, g.Count(Relation.Opposing));
        Assert.Equal(6, g.Count(Relation.Unrelated));
    }

    [Fact]
    public void Odd_circle_opposes_the_two_positions_half_a_wedge_from_180()
    {
        // Five positions 72 degrees apart: the farthest are 144 degrees away = 180 - 72/2.
        var g = RelationGraph.FromCircle([D("a", 0), D("b", 72), D("c", 144), D("d", 216), D("e", 288)]);

        Assert.Equal(["c", "d"], g.Related("a", Relation.Opposing));
        Assert.Equal(5, g.Count(Relation.Consistent));
        Assert.Equal(5, g.Count(Relation.Opposing));
        Assert.Equal(0, g.Count(Relation.Unrelated));
    }

    [Fact]
    public void Shared_angle_is_one_wedge_consistent_with_itself_and_its_neighbours()
    {
        var g = RelationGraph.FromCircle([D("a", 0), D("b", 90), D("b2", 90), D("c", 180), D("d", 270)]);

        Assert.Equal(Relation.Consistent, g["b", "b2"]);
        Assert.Equal(Relation.Consistent, g["b2", "a"]);
        Assert.Equal(Relation.Opposing, g["b2", "d"]);
    }

    [Fact]
    public void Angles_wrap_around_zero()
    {
        Assert.Equal(20, CircleRelations.AngularDistance(350, 10), 9);
        Assert.Equal(180, CircleRelations.AngularDistance(0, 180), 9);
        Assert.Equal(40, CircleRelations.AngularDistance(-20, 20), 9);
        var g = RelationGraph.FromCircle([D("a", 350), D("b", 80), D("c", 170), D("d", 260)]);
        Assert.Equal(Relation.Consistent, g["a", "b"]);
        Assert.Equal(Relation.Opposing, g["a", "c"]);
    }

    [Fact]
    public void Fewer_than_four_positions_cannot_form_a_circle()
    {
        var error = Assert.Throws<ArgumentException>(() => RelationGraph.FromCircle([D("a", 0), D("b", 120), D("c", 240)]));
        Assert.Contains("at least 4 distinct angles", error.Message);
    }
}
