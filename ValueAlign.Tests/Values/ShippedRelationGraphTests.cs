using ValueAlign.Core.Values;
using static ValueAlign.Tests.Values.ValueSystemFiles;

namespace ValueAlign.Tests.Values;

/// <summary>The relation graphs of the shipped systems against counts worked out by hand from the circle rule.</summary>
public class ShippedRelationGraphTests
{
    [Theory]
    [InlineData("self-direction", "stimulation", Relation.Consistent)]
    [InlineData("conformity", "tradition", Relation.Consistent)]
    [InlineData("tradition", "benevolence", Relation.Consistent)]
    [InlineData("universalism", "self-direction", Relation.Consistent)]
    [InlineData("power", "universalism", Relation.Opposing)]
    [InlineData("achievement", "benevolence", Relation.Opposing)]
    [InlineData("achievement", "universalism", Relation.Opposing)]
    [InlineData("security", "stimulation", Relation.Opposing)]
    [InlineData("security", "self-direction", Relation.Opposing)]
    [InlineData("hedonism", "conformity", Relation.Opposing)]
    [InlineData("stimulation", "tradition", Relation.Opposing)]
    [InlineData("power", "benevolence", Relation.Opposing)]
    [InlineData("self-direction", "conformity", Relation.Opposing)]
    [InlineData("self-direction", "power", Relation.Unrelated)]
    [InlineData("hedonism", "benevolence", Relation.Unrelated)]
    [InlineData("achievement", "security", Relation.Unrelated)]
    [InlineData("stimulation", "benevolence", Relation.Unrelated)]
    public void Schwartz_10_relations(string a, string b, Relation expected)
    {
        var graph = Shipped.Get("schwartz-10").Relations;
        Assert.Equal(expected, graph[a, b]);
        Assert.Equal(expected, graph[b, a]);
    }

    [Fact]
    public void Schwartz_10_circle_alone_gives_12_consistent_11_opposing_22_unrelated()
    {
        // 9 wedges (conformity+tradition share one): 9 adjacent wedge pairs, 2 of which touch the
        // shared wedge and so count twice, plus conformity-tradition itself = 12; the 9 pairs of
        // wedges 160 degrees apart, 2 touching the shared wedge = 11; 45 - 23 = 22.
        var derived = RelationGraph.FromCircle(Shipped.Get("schwartz-10").Dimensions);
        Assert.Equal(12, derived.Count(Relation.Consistent));
        Assert.Equal(11, derived.Count(Relation.Opposing));
        Assert.Equal(22, derived.Count(Relation.Unrelated));
        Assert.Equal(Relation.Opposing, derived["self-direction", "power"]);
    }

    [Fact]
    public void Schwartz_10_explicit_relations_move_two_opposites_to_unrelated_and_add_three()
    {
        var graph = Shipped.Get("schwartz-10").Relations;
        Assert.Equal(12, graph.Count(Relation.Consistent));
        Assert.Equal(12, graph.Count(Relation.Opposing));
        Assert.Equal(21, graph.Count(Relation.Unrelated));
        Assert.Equal(["security", "conformity", "tradition"], graph.Related("self-direction", Relation.Opposing));
    }

    [Theory]
    [InlineData("schwartz-19", 19, 19, 133)]
    [InlineData("touche23-20", 20, 10, 160)]
    [InlineData("moral-foundations", 4, 0, 11)]
    [InlineData("mfq2", 4, 0, 11)]
    [InlineData("morality-as-cooperation", 0, 0, 21)]
    [InlineData("gert-10", 0, 0, 45)]
    [InlineData("big-five", 0, 0, 10)]
    public void Relation_counts(string id, int consistent, int opposing, int unrelated)
    {
        var graph = Shipped.Get(id).Relations;
        Assert.Equal(consistent, graph.Count(Relation.Consistent));
        Assert.Equal(opposing, graph.Count(Relation.Opposing));
        Assert.Equal(unrelated, graph.Count(Relation.Unrelated));
    }

    [Theory]
    [InlineData("self-direction-thought", "tradition")]
    [InlineData("achievement", "benevolence-dependability")]
    [InlineData("power-resources", "universalism-concern")]
    [InlineData("security-societal", "universalism-objectivity")]
    public void Touche_20_opposites_face_each_other(string a, string b) =>
        Assert.Equal([b], Shipped.Get("touche23-20").Relations.Related(a, Relation.Opposing));

    [Fact]
    public void Schwartz_19_each_value_has_two_neighbours_and_two_opposites()
    {
        var graph = Shipped.Get("schwartz-19").Relations;
        foreach (var id in graph.DimensionIds)
        {
            Assert.Equal(2, graph.Related(id, Relation.Consistent).Count);
            Assert.Equal(2, graph.Related(id, Relation.Opposing).Count);
        }
        Assert.Equal(["security-societal", "tradition"], graph.Related("self-direction-thought", Relation.Opposing));
    }

    [Fact]
    public void Every_shipped_graph_is_symmetric()
    {
        foreach (var system in Shipped.All)
        {
            var g = system.Relations;
            foreach (var a in g.DimensionIds)
            {
                foreach (var b in g.DimensionIds.Where(b => b != a))
                {
                    Assert.Equal(g[a, b], g[b, a]);
                }
            }
        }
    }

    [Fact]
    public void Moral_foundations_clusters_are_consistent_and_never_opposing()
    {
        var g = Shipped.Get("moral-foundations").Relations;
        Assert.Equal(Relation.Consistent, g["care", "fairness"]);
        Assert.Equal(Relation.Consistent, g["authority", "sanctity"]);
        Assert.Equal(Relation.Unrelated, g["care", "loyalty"]);
        Assert.Empty(g.Related("liberty", Relation.Consistent));
    }
}
