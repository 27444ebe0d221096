using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;
using ValueAlign.Tests.Values;

namespace ValueAlign.Tests.Methods.Couple.Inspection;

public sealed class PriorityListTests
{
    private static readonly ValueSystem System = ValueSystemFiles.Shipped.Get("schwartz-10");

    [Fact]
    public void Given_dimensions_take_their_priority_and_the_rest_the_middle_of_the_scale()
    {
        var objective = PriorityList.Parse(System, "power=1, Universalism=5");
        Assert.Equal("schwartz-10", objective.ValueSystemId);
        Assert.Empty(objective.Validate(System));
        var byId = objective.Priorities.ToDictionary(p => p.DimensionId, p => p.Priority);
        Assert.Equal(1, byId["power"]);
        Assert.Equal(5, byId["universalism"]);
        Assert.Equal(3, byId["benevolence"]);
        Assert.Equal(System.Dimensions.Count, byId.Count);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_entry()
    {
        var e = Assert.Throws<InvalidObjectiveException>(() => PriorityList.Parse(System, "power=9,wealth=2,power=1,power=2,hedonism"));
        Assert.Equal(4, e.Problems.Count);
        Assert.Contains("entry 1 ('power=9'): the priority must be a whole number 1..5", e.Problems[0]);
        Assert.Contains("entry 2 ('wealth=2'): 'wealth' is not a dimension of schwartz-10", e.Problems[1]);
        Assert.Contains("entry 4 ('power=2'): power is given more than once", e.Problems[2]);
        Assert.Contains("entry 5 ('hedonism'): expected DIMENSION=PRIORITY", e.Problems[3]);
    }
}
