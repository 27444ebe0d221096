using Plotly.Blazor;
using Plotly.Blazor.Traces;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Web.Components.Shared;

namespace ValueAlign.Web.Components.Reports;

/// <summary>
/// The one mapping from a <see cref="ReportChart"/> to plotly traces and layout, used by the live
/// component and by the self-contained HTML export (serialised the way Plotly.Blazor sends it).
/// Bars carry asymmetric error bars from the series' bounds; histograms are pre-counted bars;
/// heatmaps put the first series on top; polar charts are <see cref="ValueProfileChart"/> polygons.
/// </summary>
public static class ReportChartFigure
{
    public static IReadOnlyList<ITrace> Traces(ReportChart chart) => chart.Kind switch
    {
        ReportChartKind.Bars or ReportChartKind.Histogram => BarTraces(chart),
        ReportChartKind.Heatmap => [HeatmapTrace(chart)],
        ReportChartKind.Polar => PolarTraces(chart).Cast<ITrace>().ToList(),
        _ => throw new ArgumentOutOfRangeException(nameof(chart), chart.Kind, "Unknown chart kind."),
    };

    public static Plotly.Blazor.Layout LayoutOf(ReportChart chart, int height)
    {
        var layout = new Plotly.Blazor.Layout
        {
            Height = height,
            PaperBgColor = "rgba(0,0,0,0)",
            PlotBgColor = "rgba(0,0,0,0)",
            ShowLegend = chart.Kind != ReportChartKind.Heatmap && chart.Series.Count > 1,
            Margin = new Plotly.Blazor.LayoutLib.Margin { L = 60, R = 30, T = 30, B = 60 },
        };
        switch (chart.Kind)
        {
            case ReportChartKind.Polar:
                layout.Polar = [ValueProfileChart.PolarLayout(chart.Minimum ?? 0, chart.Maximum ?? MaxValue(chart))];
                layout.Margin = new Plotly.Blazor.LayoutLib.Margin { L = 70, R = 70, T = 30, B = 30 };
                break;
            case ReportChartKind.Heatmap:
                layout.XAxis = [new Plotly.Blazor.LayoutLib.XAxis { Title = AxisTitleX(chart.XTitle) }];
                layout.YAxis = [new Plotly.Blazor.LayoutLib.YAxis
                {
                    Title = AxisTitleY(chart.YTitle),
                    AutoRange = Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed,

                }];
                break;
            default:
                layout.BarMode = Plotly.Blazor.LayoutLib.BarModeEnum.Group;
                layout.BarGap = chart.Kind == ReportChartKind.Histogram ? 0.05m : null;
                layout.XAxis = [new Plotly.Blazor.LayoutLib.XAxis { Title = AxisTitleX(chart.XTitle) }];
                layout.YAxis = [new Plotly.Blazor.LayoutLib.YAxis
                {
                    Title = AxisTitleY(chart.YTitle),
                    Range = chart.Minimum is null && chart.Maximum is null ? null : [chart.Minimum ?? 0, chart.Maximum ?? MaxValue(chart)],

                }];
                break;
        }
        return layout;
    }

    private static List<ITrace> BarTraces(ReportChart chart)
    {
        var x = chart.Categories.Select(c => (object)PlotlyText.Escape(c)).ToList();
        return chart.Series.Select((s, i) =>
        {
            var bar = new Bar
            {
                Name = PlotlyText.Escape(s.Name),
                X = x,
                Y = s.Values.Select(Boxed).ToList(),
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = ChartPalette.Color(i) },
            };
            if (s.Lower is not null || s.Upper is not null)
            {
                bar.ErrorY = new Plotly.Blazor.Traces.BarLib.ErrorY
                {
                    Type = Plotly.Blazor.Traces.BarLib.ErrorYLib.TypeEnum.Data,
                    Symmetric = false,
                    Visible = true,
                    // Plotly wants distances from the bar; the report stores absolute bounds.
                    Array = s.Values.Select((v, k) => Boxed(Distance(At(s.Upper, k), v))).ToList(),
                    ArrayMinus = s.Values.Select((v, k) => Boxed(Distance(v, At(s.Lower, k)))).ToList(),
                };
            }
            return (ITrace)bar;
        }).ToList();
    }

    private static HeatMap HeatmapTrace(ReportChart chart) => new()
    {
        X = chart.Categories.Select(c => (object)PlotlyText.Escape(c)).ToList(),
        Y = chart.Series.Select(s => (object)PlotlyText.Escape(s.Name)).ToList(),
        Z = chart.Series.Select(s => (object)s.Values.Select(Boxed).ToList()).ToList(),
        ZMin = (decimal?)chart.Minimum,
        ZMax = (decimal?)chart.Maximum,
        ColorScale = "Viridis",
        TextTemplate = "%{z:.2f}",
        HoverOnGaps = false,
    };

    private static IReadOnlyList<ScatterPolar> PolarTraces(ReportChart chart)
    {
        var dimensions = chart.Categories.Select(c => (c, PlotlyText.Escape(c))).ToList();
        var profiles = chart.Series.Select((s, i) => new ValueProfileTrace(
            PlotlyText.Escape(s.Name),
            chart.Categories.Select((c, k) => (c, v: At(s.Values, k))).Where(p => p.v is not null).ToDictionary(p => p.c, p => p.v!.Value),
            ChartPalette.Color(i))
        { Filled = chart.Series.Count == 1 }).ToList();
        return ValueProfileChart.Traces(dimensions, profiles);
    }

    private static double MaxValue(ReportChart chart)
    {
        var values = chart.Series.SelectMany(s => s.Values.Concat(s.Upper ?? [])).Where(v => v is not null).Select(v => v!.Value).ToList();
        return values.Count == 0 ? 1 : values.Max();
    }

    private static double? At(IReadOnlyList<double?>? values, int index) => values is not null && index < values.Count ? values[index] : null;

    private static double? Distance(double? high, double? low) => high is null || low is null ? null : Math.Max(0, high.Value - low.Value);

    private static object Boxed(double? value) => value is { } v && double.IsFinite(v) ? v : null!;

    private static Plotly.Blazor.LayoutLib.XAxisLib.Title? AxisTitleX(string? text) => text is null ? null : new() { Text = PlotlyText.Escape(text) };

    private static Plotly.Blazor.LayoutLib.YAxisLib.Title? AxisTitleY(string? text) => text is null ? null : new() { Text = PlotlyText.Escape(text) };
}
