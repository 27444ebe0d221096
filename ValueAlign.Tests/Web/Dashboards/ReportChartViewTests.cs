using Bunit;
using MudBlazor.Services;
using Plotly.Blazor.Traces;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Tests.Dashboards;
using ValueAlign.Web.Components.Reports;

namespace ValueAlign.Tests.Web.Dashboards;

public sealed class ReportChartViewTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();
    private readonly RunReport _report = RunReportJson.Deserialize(SampleRuns.CultureReportJson);

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IReadOnlyList<Plotly.Blazor.ITrace> Draw(string chartId) =>
        _ctx.Render<ReportChartView>(p => p.Add(c => c.Chart, _report.Chart(chartId)!)).Instance.Traces;

    [Fact]
    public void Bars_carry_asymmetric_error_bars_from_the_interval_bounds()
    {
        var bar = Assert.IsType<Bar>(Assert.Single(Draw("acc-country")));
        Assert.Equal(new object[] { "Japan", "India" }, bar.X);
        Assert.Equal(new object[] { 0.75, 0.5 }, bar.Y);
        Assert.False(bar.ErrorY.Symmetric);
        Assert.Equal(new[] { 0.2, 0.35 }, bar.ErrorY.Array.Select(v => Math.Round((double)v, 9)));
        Assert.Equal(new[] { 0.45, 0.35 }, bar.ErrorY.ArrayMinus.Select(v => Math.Round((double)v, 9)));
    }

    [Fact]
    public void A_heatmap_has_one_row_per_series_over_the_categories()
    {
        var heatmap = Assert.IsType<HeatMap>(Assert.Single(Draw("consistency")));
        Assert.Equal(new object[] { "en", "ja" }, heatmap.X);
        Assert.Equal(new object[] { "en", "ja" }, heatmap.Y);
        Assert.Equal(new object[] { 1.0, 0.6 }, Assert.IsType<List<object>>(heatmap.Z[0]));
        Assert.Equal(0m, heatmap.ZMin);
        Assert.Equal(1m, heatmap.ZMax);
    }

    [Fact]
    public void A_polar_profile_is_a_closed_polygon_with_a_gap_for_a_missing_value()
    {
        var polar = Assert.IsType<ScatterPolar>(Assert.Single(Draw("profile")));
        Assert.Equal(new object?[] { 4.0, null, 2.0, 4.0 }, polar.R);
        Assert.Equal(new object[] { "care", "fairness", "loyalty", "care" }, polar.Theta);
    }

    [Fact]
    public void A_rank_histogram_is_one_bar_series_per_framework()
    {
        var traces = Draw("ranks");
        Assert.Equal(2, traces.Count);
        Assert.Equal(["utilitarian", "care"], traces.Cast<Bar>().Select(b => b.Name));
        Assert.Equal(new object[] { 0.0, 2.0, 2.0 }, ((Bar)traces[1]).Y);
    }

    [Fact]
    public void Text_reaches_plotly_as_entities_so_markup_is_shown_not_rendered()
    {
        var chart = new ReportChart("x", "t", ReportChartKind.Bars, ["<a href=x>j</a>"], [new ReportSeries("<b>s</b>", [1])]);
        var bar = (Bar)ReportChartFigure.Traces(chart)[0];
        Assert.Equal("&lt;a href=x&gt;j&lt;/a&gt;", bar.X[0]);
        Assert.Equal("&lt;b&gt;s&lt;/b&gt;", bar.Name);
    }

    [Fact]
    public void The_run_report_view_shows_metrics_with_intervals_every_chart_and_the_tables()
    {
        var view = _ctx.Render<RunReportView>(p => p.Add(c => c.Report, _report));

        var accuracy = view.Find("[data-testid=metrics-table] tr[data-metric=accuracy]");
        Assert.Equal("0.625", accuracy.QuerySelector("[data-testid=metric-value]")!.TextContent);
        Assert.Equal("[0.306, 0.863]", accuracy.QuerySelector("[data-testid=metric-interval]")!.TextContent);
        Assert.Equal("", view.Find("tr[data-metric=circular] [data-testid=metric-interval]").TextContent);
        Assert.Equal(["acc-country", "consistency", "profile", "ranks"], view.FindAll("[data-testid=report-chart]").Select(c => c.GetAttribute("data-chart-id")));
        Assert.Equal(["bars", "heatmap", "polar", "histogram"], view.FindAll("[data-testid=report-chart]").Select(c => c.GetAttribute("data-kind")));
        Assert.Contains("demo-jp-001", view.Find("[data-testid=report-table][data-table-id=per-item]").TextContent);
    }
}
