using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using ValueAlign.Core.Values;
using ValueAlign.Tests.Values;
using ValueAlign.Web.Components.Pages.ValueSystems;

namespace ValueAlign.Tests.Web.ValueSystems;

public class ValueSystemPageTests
{
    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(ValueSystemFiles.Shipped);
        return ctx;
    }

    [Theory]
    [InlineData("schwartz-10")]
    [InlineData("schwartz-19")]
    [InlineData("moral-foundations")]
    [InlineData("gert-10")]
    public async Task Page_lists_every_dimension_with_its_definition(string id)
    {
        await using var ctx = NewContext();
        var system = ValueSystemFiles.Shipped.Get(id);

        var page = ctx.Render<ValueSystemPage>(p => p.Add(x => x.Id, id));

        var rows = page.FindAll("[data-testid=dimensions-table] tbody tr");
        Assert.Equal(system.Dimensions.Count, rows.Count);
        foreach (var (row, dimension) in rows.Zip(system.Dimensions))
        {
            Assert.Equal(dimension.Id, row.GetAttribute("data-dimension-id"));
            Assert.Contains(dimension.Name, row.QuerySelector(".dimension-name")!.TextContent);
            Assert.Equal(dimension.Definition, row.QuerySelector(".dimension-definition")!.TextContent.Trim());
            Assert.Equal(dimension.Keywords.Count > 0 ? "keywords: " + string.Join(", ", dimension.Keywords) : null, row.QuerySelector(".dimension-keywords")?.TextContent.Trim());
        }
        Assert.Contains(system.Name, page.Markup);
    }

    [Fact]
    public async Task Keywords_are_shown_under_the_definition()
    {
        await using var ctx = NewContext();

        var page = ctx.Render<ValueSystemPage>(p => p.Add(x => x.Id, "moral-foundations"));

        Assert.Equal("keywords: freedom, oppression, domination, tyranny, bullying", page.Find("[data-dimension-id=liberty] .dimension-keywords").TextContent.Trim());
    }

    [Theory]
    [InlineData("schwartz-10")]
    [InlineData("schwartz-19")]
    [InlineData("mfq2")]
    public async Task Relation_matrix_has_a_cell_per_pair_matching_the_graph(string id)
    {
        await using var ctx = NewContext();
        var system = ValueSystemFiles.Shipped.Get(id);
        var d = system.Dimensions.Count;

        var page = ctx.Render<ValueSystemPage>(p => p.Add(x => x.Id, id));

        var cells = page.FindAll("[data-testid=relation-matrix] td[data-relation]");
        Assert.Equal(d * d, cells.Count);
        foreach (var cell in cells)
        {
            var (row, col) = (cell.GetAttribute("data-row")!, cell.GetAttribute("data-col")!);
            var expected = row == col ? "self" : system.Relations[row, col].ToString().ToLowerInvariant();
            Assert.Equal(expected, cell.GetAttribute("data-relation"));
        }
        Assert.Equal(2 * system.Relations.Count(Relation.Opposing), cells.Count(c => c.GetAttribute("data-relation") == "opposing"));
    }

    [Fact]
    public async Task Schwartz_10_matrix_marks_power_universalism_opposing_and_neighbours_consistent()
    {
        await using var ctx = NewContext();
        var page = ctx.Render<ValueSystemPage>(p => p.Add(x => x.Id, "schwartz-10"));

        string Cell(string row, string col) =>
            page.Find($"td[data-row='{row}'][data-col='{col}']").GetAttribute("data-relation")!;

        Assert.Equal("opposing", Cell("power", "universalism"));
        Assert.Equal("opposing", Cell("universalism", "power"));
        Assert.Equal("consistent", Cell("self-direction", "stimulation"));
        Assert.Equal("unrelated", Cell("achievement", "security"));
        Assert.Equal("self", Cell("hedonism", "hedonism"));
    }

    [Fact]
    public async Task Circular_system_draws_a_polar_chart_with_each_dimension_at_its_angle()
    {
        await using var ctx = NewContext();
        var system = ValueSystemFiles.Shipped.Get("schwartz-10");

        var page = ctx.Render<ValueSystemPage>(p => p.Add(x => x.Id, "schwartz-10"));

        Assert.Equal("10", page.Find("[data-testid=circle-chart]").GetAttribute("data-points"));
        var trace = Assert.IsType<ScatterPolar>(Assert.Single(page.FindComponent<PlotlyChart>().Instance.Data));
        Assert.Equal(system.Dimensions.Select(x => x.Name).Order(), trace.TextArray.Cast<string>().Order());
        var angleOf = trace.TextArray.Cast<string>().Zip(trace.Theta.Cast<double>()).ToDictionary(p => p.First, p => p.Second);
        Assert.All(system.Dimensions, x => Assert.Equal(x.Angle, angleOf[x.Name]));
        // Conformity and Tradition share a wedge: same angle, different radius so both labels show.
        var radiusOf = trace.TextArray.Cast<string>().Zip(trace.R.Cast<double>()).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(1.0, radiusOf["Tradition"], 9);
        Assert.True(radiusOf["Conformity"] < radiusOf["Tradition"], "Conformity is drawn inside Tradition");
        Assert.Equal(1.0, radiusOf["Power"], 9);
    }

    [Fact]
    public async Task Non_circular_system_has_no_chart_but_shows_theory_instrument_scoring_and_caveats()
    {
        await using var ctx = NewContext();
        var system = ValueSystemFiles.Shipped.Get("mfq2");

        var page = ctx.Render<ValueSystemPage>(p => p.Add(x => x.Id, "mfq2"));

        Assert.Empty(page.FindAll("[data-testid=circle-chart]"));
        Assert.Contains(system.Theory.Citation, page.Find("[data-testid=theory-section]").TextContent);
        Assert.Contains("MFQ-2", page.Find("[data-testid=instrument-section]").TextContent);
        Assert.Equal(system.Scoring, page.Find("[data-testid=scoring]").TextContent.Trim());
        Assert.Equal(system.Caveats.Count, page.FindAll("[data-testid=caveats-section] li").Count);
    }

    [Fact]
    public async Task Unknown_id_says_so_and_links_back()
    {
        await using var ctx = NewContext();
        var page = ctx.Render<ValueSystemPage>(p => p.Add(x => x.Id, "no-such-system"));
        Assert.Contains("no-such-system", page.Find("[data-testid=unknown-system]").TextContent);
        Assert.NotNull(page.Find("a[href='/value-systems']"));
    }

    [Fact]
    public async Task List_page_lists_every_system_with_dimension_count_and_link()
    {
        await using var ctx = NewContext();
        var catalog = ValueSystemFiles.Shipped;

        var page = ctx.Render<ValueSystemList>();

        var rows = page.FindAll("[data-testid=value-systems-table] tbody tr");
        Assert.Equal(catalog.All.Select(s => s.Id), rows.Select(r => r.GetAttribute("data-system-id")));
        foreach (var (row, system) in rows.Zip(catalog.All))
        {
            Assert.Equal(system.Dimensions.Count.ToString(), row.QuerySelector("[data-testid=dimension-count]")!.TextContent.Trim());
            Assert.NotNull(row.QuerySelector($"a[href='/value-systems/{system.Id}']"));
            Assert.Contains(system.Instruments[0].Name, row.TextContent);
            Assert.Contains(system.Theory.Name, row.TextContent);
        }
    }
}
