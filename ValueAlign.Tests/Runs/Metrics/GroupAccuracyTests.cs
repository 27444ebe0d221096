using ValueAlign.Core.Runs.Metrics;

namespace ValueAlign.Tests.Runs.Metrics;

public class GroupAccuracyTests
{
    [Fact]
    public void Per_group_counts_accuracy_and_interval_ordered_by_key()
    {
        // Japan: 8 of 10 correct → 0.8, Wilson (0.4902, 0.9433). China: 1 of 2 → 0.5.
        var results = Enumerable.Range(0, 10).Select(i => (Country: "Japan", Correct: i < 8)).ToList();
        results.Add(("China", true));
        results.Add(("China", false));

        var groups = GroupAccuracy.PerGroup(results, r => r.Country, r => r.Correct);

        Assert.Equal(["China", "Japan"], groups.Select(g => g.Key));
        var japan = groups[1];
        Assert.Equal((10, 8), (japan.N, japan.Correct));
        Assert.Equal(0.8, japan.Accuracy, 10);
        Assert.Equal(0.4902, japan.Low, 4);
        Assert.Equal(0.9433, japan.High, 4);
        Assert.Equal(0.5, groups[0].Accuracy, 10);
    }

    [Fact]
    public void Empty_group_has_undefined_accuracy_and_full_interval()
    {
        var g = GroupAccuracy.Of("none", 0, 0);
        Assert.True(double.IsNaN(g.Accuracy));
        Assert.Equal((0.0, 1.0), (g.Low, g.High));
    }
}
