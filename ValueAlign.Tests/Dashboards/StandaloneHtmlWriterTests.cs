using System.Text.Json;
using System.Text.RegularExpressions;
using ValueAlign.Core.Dashboards;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Web.Dashboards;

namespace ValueAlign.Tests.Dashboards;

public sealed partial class StandaloneHtmlWriterTests
{
    private const string Hostile = "<script>alert('x')</script> & \"q\"";

    private static LoadedRun Run(RunReport report) =>
        new(new RunHeader(3, "baseline " + Hostile, "culture-mcq", "stories260K.gguf", new string('a', 64), "{}", 7, DateTime.UtcNow, DateTime.UtcNow), report, null);

    private static RunReport HostileReport() =>
        new("culture-mcq",
            [new ReportMetric("accuracy", "Accuracy " + Hostile, 0.625, 0.306, 0.863, 8)],
            [new ReportChart("acc-country", "Accuracy </script><b>by</b> country", ReportChartKind.Bars, ["Japan", "India </script>"],
                [new ReportSeries("accuracy", [0.75, 0.5], [0.3, 0.15], [0.95, 0.85])], Minimum: 0, Maximum: 1)],
            [new ReportTable("t", "Table " + Hostile, ["item"], [[Hostile]])]);

    [Fact]
    public void An_export_is_self_contained_with_plotly_inline_and_the_figures_embedded()
    {
        var model = HtmlReportModel.FromRun(Run(SampleRunsReport()), new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc));

        var html = StandaloneHtmlWriter.Write(model, new PlotlyScript.Inline("window.Plotly={newPlot:function(){}}; /* inline bundle */"));

        Assert.Contains("<script>window.Plotly={newPlot:function(){}}; /* inline bundle */</script>", html);
        AssertNoExternalReferences(html);
        var figures = Figures(html);
        Assert.Equal(4, figures.Count); // bars, heatmap, polar, histogram
        var bars = figures[0];
        Assert.Equal("chart-1", bars.GetProperty("id").GetString()); // panel 0 is the metrics
        var trace = bars.GetProperty("data")[0];
        Assert.Equal("bar", trace.GetProperty("type").GetString());
        Assert.Equal([0.75, 0.5], trace.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        var errors = trace.GetProperty("error_y");
        Assert.Equal([0.2, 0.35], errors.GetProperty("array").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 9)));
        Assert.Equal([0.45, 0.35], errors.GetProperty("arrayminus").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 9)));
        Assert.Equal("heatmap", figures[1].GetProperty("data")[0].GetProperty("type").GetString());
        Assert.Equal("scatterpolar", figures[2].GetProperty("data")[0].GetProperty("type").GetString());
        Assert.Equal("bar", figures[3].GetProperty("data")[1].GetProperty("type").GetString());
        // The numbers are also readable as tables without scripts.
        Assert.Contains("<td>0.75 [0.3, 0.95]</td>", html);
        Assert.Contains("<td>0.625</td><td>[0.306, 0.863]</td><td>8</td>", html);
    }

    [Fact]
    public void A_metric_the_run_could_not_measure_reads_not_measured_with_its_reason()
    {
        var report = new RunReport("culture-mcq",
            [new ReportMetric("accuracy", "Accuracy", 0.5, N: 4), ReportMetric.Unmeasured("cross_modal_consistency", "Cross-modal consistency", "the model did not see images")],
            [], []);

        var html = StandaloneHtmlWriter.Write(HtmlReportModel.FromRun(Run(report), DateTime.UtcNow), new PlotlyScript.Link("/_content/Plotly.Blazor/plotly-3.7.0.min.js"));

        Assert.Contains("<td>Cross-modal consistency</td><td>not measured: the model did not see images</td><td></td><td></td>", html);
        Assert.Contains("<td>Accuracy</td><td>0.5</td>", html);
    }

    [Fact]
    public void Text_from_reports_is_encoded_and_cannot_end_a_script()
    {
        var html = StandaloneHtmlWriter.Write(HtmlReportModel.FromRun(Run(HostileReport()), DateTime.UtcNow), new PlotlyScript.Link("/_content/Plotly.Blazor/plotly-3.7.0.min.js"));

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<b>by</b>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;", html);
        // Exactly the scripts the writer emits: the plotly link, the figures and the loader.
        Assert.Equal(3, ScriptTag().Matches(html).Count);
        Assert.Equal(3, Regex.Matches(html, "</script>").Count);
        // Inside the figures, plotly's own markup is neutralised too: the title reaches plotly as entities.
        var layout = Figures(html)[0].GetProperty("data")[0];
        Assert.Equal("India &lt;/script&gt;", layout.GetProperty("x")[1].GetString());
        Assert.Contains("src=\"/_content/Plotly.Blazor/plotly-3.7.0.min.js\"", html);
        Assert.DoesNotContain("<form", html);
        Assert.DoesNotContain("<a ", html);
    }

    [Fact]
    public void A_dashboard_export_shows_panel_titles_problems_and_run_identity()
    {
        var header = new RunHeader(5, "", "culture-mcq", "model.gguf", "0123456789abcdef0123", "{}", 1, DateTime.UtcNow, null);
        var report = SampleRunsReport();
        var content = new DashboardContent(
            new Dashboard { Id = 1, Name = "Team <dashboard>", Description = "Q4" },
            [
                new PanelContent(new DashboardPanel { ChartId = "consistency", Title = "Consistency" }, header, report.Chart("consistency"), [], null),
                new PanelContent(new DashboardPanel { ChartId = "gone" }, header, null, [], "Run 5's report has no chart 'gone'."),
            ]);

        var html = StandaloneHtmlWriter.Write(HtmlReportModel.FromDashboard(content, DateTime.UtcNow), new PlotlyScript.Inline(""));

        Assert.Contains("<h1 data-testid=\"report-title\">Team &lt;dashboard&gt;</h1>", html);
        Assert.Contains("<h2>Consistency</h2>", html);
        Assert.Contains("#5 model.gguf (0123456789ab)", html);
        Assert.Contains("Run 5&#39;s report has no chart &#39;gone&#39;.", html);
        Assert.Single(Figures(html));
    }

    internal static void AssertNoExternalReferences(string html)
    {
        foreach (Match tag in Regex.Matches(html, "<(script|link|img|iframe|object|embed|source|video|audio)\\b[^>]*>", RegexOptions.IgnoreCase))
        {
            Assert.DoesNotMatch("(src|href|data)\\s*=\\s*[\"']?\\s*(https?:)?//", tag.Value);
        }
        Assert.DoesNotMatch("@import|url\\(\\s*[\"']?https?:", html);
    }

    internal static List<JsonElement> Figures(string html)
    {
        var json = FiguresScript().Match(html);
        Assert.True(json.Success, "The page embeds no figures.");
        return JsonDocument.Parse(json.Groups[1].Value).RootElement.EnumerateArray().ToList();
    }

    private static RunReport SampleRunsReport() => RunReportJson.Deserialize(SampleRuns.CultureReportJson);

    [GeneratedRegex("<script type=\"application/json\" id=\"figures\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex FiguresScript();

    [GeneratedRegex("<script[ >]")]
    private static partial Regex ScriptTag();
}
