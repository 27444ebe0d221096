using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Plotly.Blazor;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Web.Components.Reports;

namespace ValueAlign.Web.Dashboards;

/// <summary>
/// Writes a report or dashboard as one HTML page with no external references: the figures are
/// embedded as JSON (with every "&lt;" escaped so no data can close the script), plotly.js is inlined
/// or linked from the app, and every text is HTML-encoded. Each chart's numbers are also in a table,
/// so the data is readable without scripts. The page has no forms and no links.
/// </summary>
public static class StandaloneHtmlWriter
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1f2328}
        header{padding:20px 32px;background:#fff;border-bottom:1px solid #d0d7de}
        h1{margin:0 0 6px;font-size:1.5rem} h2{margin:0 0 4px;font-size:1.1rem}
        main{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:16px;padding:16px 32px}
        section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:12px 16px}
        .meta{color:#57606a;font-size:.85rem;margin:0 0 8px} .problem{color:#9a3412}
        table{border-collapse:collapse;font-size:.85rem;margin-top:6px} th,td{border-bottom:1px solid #e5e7eb;padding:3px 8px;text-align:left}
        details{margin-top:6px} footer{padding:8px 32px 24px;color:#57606a;font-size:.8rem}
        """;

    public static string Write(HtmlReportModel model, PlotlyScript plotly)
    {
        var figures = new List<object>();
        var html = new StringBuilder(1 << 14);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<title>").Append(Encode(model.Title)).Append("</title>\n<style>").Append(Style).Append("</style>\n");
        switch (plotly)
        {
            case PlotlyScript.Inline inline:
                html.Append("<script>").Append(inline.Source.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("</script>\n");
                break;
            case PlotlyScript.Link link:
                html.Append("<script src=\"").Append(Encode(link.Path)).Append("\"></script>\n");
                break;
        }
        html.Append("</head>\n<body>\n<header><h1 data-testid=\"report-title\">").Append(Encode(model.Title)).Append("</h1>");
        if (!string.IsNullOrWhiteSpace(model.Description))
            html.Append("<p class=\"meta\">").Append(Encode(model.Description)).Append("</p>");
        html.Append("</header>\n<main>\n");

        for (var i = 0; i < model.Panels.Count; i++)
        {
            var panel = model.Panels[i];
            html.Append("<section class=\"panel\" data-panel=\"").Append(i).Append("\"><h2>").Append(Encode(panel.Title)).Append("</h2>");
            if (panel.Run is { } run)
            {
                html.Append("<p class=\"meta\">").Append(Encode($"{run.Label} · {run.Method} · {run.ModelLine}")).Append("</p>");
            }
            if (panel.Problem is not null)
            {
                html.Append("<p class=\"problem\">").Append(Encode(panel.Problem)).Append("</p>");
            }
            if (panel.Metrics.Count > 0)
            {
                AppendMetrics(html, panel.Metrics);
            }
            foreach (var table in panel.Tables)
            {
                html.Append("<h3>").Append(Encode(table.Title)).Append("</h3>");
                AppendTable(html, table.Columns, table.Rows);
            }
            if (panel.Chart is { } chart)
            {
                var id = $"chart-{i}";
                html.Append("<div class=\"chart\" id=\"").Append(id).Append("\" data-chart-id=\"").Append(Encode(chart.Id)).Append("\"></div>");
                html.Append("<details><summary>Data</summary>");
                AppendChartData(html, chart);
                html.Append("</details>");
                figures.Add(new
                {
                    id,
                    data = ReportChartFigure.Traces(chart).Select(t => PlotlyJson.Element(t)).ToList(),
                    layout = PlotlyJson.Element(ReportChartFigure.LayoutOf(chart, 380)),
                });
            }
            html.Append("</section>\n");
        }
        html.Append("</main>\n<footer>Generated ").Append(model.GeneratedAtUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            .Append(" by ValueAlign. Read-only.</footer>\n");
        // The default encoder escapes <, > and & as \u003C..., so embedded text cannot end the script element.
        html.Append("<script type=\"application/json\" id=\"figures\">").Append(JsonSerializer.Serialize(figures)).Append("</script>\n")
            .Append("<script>(function(){var figures=JSON.parse(document.getElementById('figures').textContent);")
            .Append("figures.forEach(function(f){Plotly.newPlot(f.id,f.data,f.layout,{responsive:true,displaylogo:false});});})();</script>\n")
            .Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendMetrics(StringBuilder html, IReadOnlyList<ReportMetric> metrics)
    {
        AppendTable(html, ["Metric", "Value", "95% interval", "n"],
            metrics.Select(m => (IReadOnlyList<string>)[m.Label, ReportFormat.Value(m), ReportFormat.Interval(m), m.N?.ToString(CultureInfo.InvariantCulture) ?? ""]).ToList(),
            "metrics");
    }

    private static void AppendChartData(StringBuilder html, ReportChart chart)
    {
        var columns = new List<string> { "Series" };
        columns.AddRange(chart.Categories);
        var rows = chart.Series.Select(s => (IReadOnlyList<string>)new[] { s.Name }
            .Concat(chart.Categories.Select((_, k) => Cell(s, k))).ToList()).ToList();
        AppendTable(html, columns, rows);
    }

    private static string Cell(ReportSeries series, int index)
    {
        var value = index < series.Values.Count ? series.Values[index] : null;
        var lower = series.Lower is { } l && index < l.Count ? l[index] : null;
        var upper = series.Upper is { } u && index < u.Count ? u[index] : null;
        return lower is null && upper is null
            ? ReportFormat.Number(value)
            : $"{ReportFormat.Number(value)} [{ReportFormat.Number(lower)}, {ReportFormat.Number(upper)}]";
    }

    private static void AppendTable(StringBuilder html, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows, string? testId = null)
    {
        html.Append(testId is null ? "<table>" : $"<table data-testid=\"{testId}\">").Append("<thead><tr>");
        foreach (var column in columns)
            html.Append("<th>").Append(Encode(column)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
                html.Append("<td>").Append(Encode(cell)).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
    }

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>The page answered for an unknown, revoked or expired link: no detail, no links.</summary>
    public const string NotFoundPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>Not found</title></head>
        <body style="font-family:system-ui,sans-serif;padding:40px"><h1>Not found</h1><p>This page does not exist.</p></body></html>
        """;
}
