using System.Text.Encodings.Web;
using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Annotation.Agreement;
using ValueAlign.Core.Values;
using ValueAlign.Web.Components.Pages.Projects;
using ValueAlign.Web.Components.Shared;

namespace ValueAlign.Tests.Web.Security;

/// <summary>
/// plotly.js renders a small HTML subset (links included) in names, tick labels and titles. Every
/// chart of the app passes user and dataset text as entities, so a hostile label shows literally.
/// </summary>
public sealed class ChartLabelEscapingTests : IAsyncLifetime
{
    private const string Hostile = "<a href=\"javascript:alert(1)\">x</a><img src=x onerror=alert(2)>";
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly BunitContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private static void AssertEscaped(object figure)
    {
        var json = JsonSerializer.Serialize(figure, figure.GetType(), Json);
        Assert.Contains("&lt;a href=", json);
        Assert.DoesNotContain("<a", json);
        Assert.DoesNotContain("<img", json);
    }

    [Fact]
    public void Agreement_bars_escape_categories_series_and_axis_title()
    {
        var chart = _ctx.Render<AgreementBarChart>(p => p
            .Add(c => c.Categories, [Hostile, "ok"])
            .Add(c => c.Series, [(Hostile, (IReadOnlyList<double>)[0.5, 0.7])])
            .Add(c => c.YTitle, Hostile));
        var (data, layout) = chart.Instance.Figure;
        AssertEscaped(data.ToList<object>());
        AssertEscaped(layout);
    }

    [Fact]
    public void Confusion_heatmap_escapes_categories_and_titles()
    {
        var matrix = ConfusionMatrix.FromPairs([("yes", "no"), ("no", "no")], ["yes", "no"]);
        var chart = _ctx.Render<ConfusionHeatmap>(p => p
            .Add(c => c.Matrix, matrix)
            .Add(c => c.Display, (Func<string, string>)(v => v == "yes" ? Hostile : v))
            .Add(c => c.RowTitle, Hostile)
            .Add(c => c.ColumnTitle, Hostile));
        var (data, layout) = chart.Instance.Figure;
        AssertEscaped(data.ToList<object>());
        AssertEscaped(layout);
    }

    [Fact]
    public void Value_profile_traces_escape_dimension_and_profile_names()
    {
        var traces = ValueProfileChart.Traces([("d", Hostile), ("e", "e")], [new ValueProfileTrace(Hostile, new Dictionary<string, double> { ["d"] = 1 }, "#000")]);
        AssertEscaped(traces.ToList<object>());
    }

    [Fact]
    public void Value_circle_escapes_dimension_names_and_definitions()
    {
        var chart = _ctx.Render<ValueCircleChart>(p => p
            .Add(c => c.Dimensions, [new ValueDimension("d", Hostile, Hostile, 0, [], [], false), new ValueDimension("e", "e", "e", 90, [], [], false)]));
        AssertEscaped(chart.Instance.Data.ToList<object>());
    }
}
