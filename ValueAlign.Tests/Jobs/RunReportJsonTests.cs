using ValueAlign.Core.Evaluation.Reports;

namespace ValueAlign.Tests.Jobs;

public sealed class RunReportJsonTests
{
    [Fact]
    public void A_report_round_trips_with_gaps_error_bounds_and_enum_names()
    {
        var report = new RunReport("culture-mcq",
            [new ReportMetric("accuracy", "Accuracy", 0.5, 0.2, 0.8, 10)],
            [new ReportChart("acc-country", "Accuracy by country", ReportChartKind.Bars, ["JP", "IN"],
                [new ReportSeries("accuracy", [0.5, null], [0.2, null], [0.8, null])], Maximum: 1)],
            [new ReportTable("t", "Table", ["a"], [["1"]])]);

        var json = RunReportJson.Serialize(report);
        var back = RunReportJson.Deserialize(json);

        Assert.Contains("\"kind\":\"bars\"", json);
        Assert.Equal(report.Metrics, back.Metrics);
        var chart = back.Chart("acc-country")!;
        Assert.Equal(new double?[] { 0.5, null }, chart.Series[0].Values);
        Assert.Equal(new double?[] { 0.8, null }, chart.Series[0].Upper);
        Assert.Equal(1, chart.Maximum);
        Assert.Null(back.Chart("missing"));
    }
}
