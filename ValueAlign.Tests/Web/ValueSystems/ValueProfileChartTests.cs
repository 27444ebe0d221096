using ValueAlign.Web.Components.Shared;

namespace ValueAlign.Tests.Web.ValueSystems;

public class ValueProfileChartTests
{
    [Fact]
    public void Each_profile_is_a_closed_polygon_with_gaps_for_missing_dimensions()
    {
        (string, string)[] dims = [("care", "Care"), ("fair", "Fairness"), ("loyal", "Loyalty")];
        var target = new ValueProfileTrace("target", new Dictionary<string, double> { ["care"] = 5, ["fair"] = 3, ["loyal"] = 1 }, "#000");
        var partial = new ValueProfileTrace("after", new Dictionary<string, double> { ["care"] = 4 }, "#f00") { Dashed = true };

        var traces = ValueProfileChart.Traces(dims, [target, partial]);

        Assert.Equal(2, traces.Count);
        Assert.Equal(new object[] { 5.0, 3.0, 1.0, 5.0 }, traces[0].R);
        Assert.Equal(new object[] { "Care", "Fairness", "Loyalty", "Care" }, traces[0].Theta);
        Assert.Equal(new object?[] { 4.0, null, null, 4.0 }, traces[1].R);
        Assert.Equal("dash", traces[1].Line.Dash);
        Assert.Equal("after", traces[1].Name);
    }
}
