using ValueAlign.Core.Dashboards;
using ValueAlign.Core.Evaluation.Reports;

namespace ValueAlign.Tests.Dashboards;

public sealed class RunComparisonTests
{
    private static LoadedRun Run(long id, string method, RunReport? report) =>
        new(new RunHeader(id, $"r{id}", method, "m.gguf", new string('0', 64), "{}", 1, DateTime.UtcNow, null), report, report is null ? "not finished" : null);

    private static RunReport Report(ReportChart chart, double accuracy) =>
        new("culture-mcq", [new ReportMetric("accuracy", "Accuracy", accuracy)], [chart], []);

    [Fact]
    public void Bars_of_several_runs_overlay_over_the_union_of_categories_with_gaps()
    {
        var a = Report(new ReportChart("acc", "Accuracy", ReportChartKind.Bars, ["JP", "IN"], [new ReportSeries("accuracy", [0.5, 0.7], [0.4, 0.6], [0.6, 0.8])]), 0.6);
        var b = Report(new ReportChart("acc", "Accuracy", ReportChartKind.Bars, ["IN", "KR"], [new ReportSeries("accuracy", [0.9, 0.1])]), 0.5);

        var comparison = RunComparison.Build([Run(1, "culture-mcq", a), Run(2, "culture-mcq", b)]);

        var chart = comparison.Charts.Single().Overlaid!;
        Assert.Equal(["JP", "IN", "KR"], chart.Categories);
        Assert.Equal(["#1 r1", "#2 r2"], chart.Series.Select(s => s.Name));
        Assert.Equal([0.5, 0.7, null], chart.Series[0].Values);
        Assert.Equal([0.6, 0.8, null], chart.Series[0].Upper!);
        Assert.Equal([null, 0.9, 0.1], chart.Series[1].Values);
        Assert.Null(chart.Series[1].Lower);
        Assert.Equal([0.6, 0.5], comparison.Metrics.Single().PerRun.Select(m => m!.Value));
    }

    [Fact]
    public void Heatmaps_are_shown_per_run_not_overlaid()
    {
        var heat = new ReportChart("c", "Consistency", ReportChartKind.Heatmap, ["en", "ja"], [new ReportSeries("en", [1, 0.5])]);
        var comparison = RunComparison.Build([Run(1, "culture-mcq", Report(heat, 1)), Run(2, "culture-mcq", Report(heat, 1))]);
        Assert.Null(comparison.Charts.Single().Overlaid);
        Assert.Equal(2, comparison.Charts.Single().PerRun.Count);
    }

    [Fact]
    public void Mixing_methods_or_unfinished_runs_is_refused_with_a_clear_message()
    {
        var report = Report(new ReportChart("x", "x", ReportChartKind.Bars, ["a"], [new ReportSeries("s", [1])]), 1);
        var mixed = Assert.Throws<DashboardException>(() => RunComparison.Build([Run(1, "culture-mcq", report), Run(2, "honesty", report)]));
        Assert.Equal("Only runs of the same method can be compared: run 1 is culture-mcq, run 2 is honesty.", mixed.Message);
        Assert.Contains("Run 3 cannot be compared: not finished", Assert.Throws<DashboardException>(() => RunComparison.Build([Run(1, "m", report), Run(3, "m", null)])).Message);
    }
}
