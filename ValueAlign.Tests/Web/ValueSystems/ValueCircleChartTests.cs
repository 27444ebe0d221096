using ValueAlign.Core.Values;
using ValueAlign.Web.Components.Shared;

namespace ValueAlign.Tests.Web.ValueSystems;

public class ValueCircleChartTests
{
    private static ValueDimension D(string id, double angle) => new(id, id, id, angle, [], [], false);

    [Fact]
    public void Without_scores_every_wedge_has_one_point_on_the_rim_and_shared_wedges_step_inwards()
    {
        var points = ValueCircleChart.Place([D("a", 0), D("b", 90), D("c1", 180), D("c2", 180), D("c3", 180)], null);

        var radius = points.ToDictionary(p => p.Dimension.Id, p => p.Radius);
        Assert.Equal(1.0, radius["a"], 9);
        Assert.Equal(1.0, radius["c3"], 9);
        Assert.Equal(0.78, radius["c2"], 9);
        Assert.Equal(0.56, radius["c1"], 9);
        Assert.All(points, p => Assert.Equal(p.Dimension.Angle, p.Angle));
    }

    [Fact]
    public void Scores_become_radii_so_the_chart_can_show_an_objective()
    {
        var scores = new Dictionary<string, double> { ["a"] = 4.5, ["b"] = 1 };
        var points = ValueCircleChart.Place([D("a", 0), D("b", 90), D("c", 180), D("d", 270)], scores);

        var radius = points.ToDictionary(p => p.Dimension.Id, p => p.Radius);
        Assert.Equal(4.5, radius["a"]);
        Assert.Equal(1, radius["b"]);
        Assert.Equal(1.0, radius["c"]);
    }
}
