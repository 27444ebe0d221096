using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;
using ValueAlign.Core.Values.Objectives.Store;
using ValueAlign.Tests.Values;
using ValueAlign.Tests.Values.Objectives.Store;
using ValueAlign.Web.Components.Pages.Objectives;

namespace ValueAlign.Tests.Web.Objectives;

/// <summary>The objective workspace (editor, save, history) over a real SQLite store.</summary>
public sealed class ObjectiveWorkspaceTests : IAsyncLifetime
{
    private static readonly ValueSystem Schwartz = ValueSystemFiles.Shipped.Get("schwartz-10");

    private ObjectivePageContext _page = default!;

    private ObjectiveDatabase _db => _page.Database;

    private BunitContext _ctx => _page.Bunit;

    public async Task InitializeAsync() => _page = await ObjectivePageContext.CreateAsync("curator@example.org", Roles.Curator);

    public async Task DisposeAsync() => await _page.DisposeAsync();

    private void SignIn(string name, string role) => _page.SignIn(name, role);

    private IRenderedComponent<ObjectiveWorkspace> Render(long? id) =>
        _ctx.Render<ObjectiveWorkspace>(p => p.Add(x => x.Id, id));

    private static IElement Row(IRenderedComponent<ObjectiveWorkspace> page, string dimension) =>
        page.Find($"tr[data-testid=priority-row][data-dimension={dimension}]");

    private static IElement Slider(IRenderedComponent<ObjectiveWorkspace> page, string dimension) =>
        Row(page, dimension).QuerySelector("input[type=range]")!;

    private static IElement Number(IRenderedComponent<ObjectiveWorkspace> page, string dimension) =>
        Row(page, dimension).QuerySelector("td:nth-child(3) input")!;

    private static IElement Cell(IRenderedComponent<ObjectiveWorkspace> page, string row, string column) =>
        page.Find($"[data-testid=relation-editor] td[data-row={row}][data-col={column}]");

    private static void Type(IRenderedComponent<ObjectiveWorkspace> page, string testId, string value) =>
        page.Find($"[data-testid={testId}] input, [data-testid={testId}] textarea, input[data-testid={testId}], textarea[data-testid={testId}]").Input(value);

    private static void SetPriority(IRenderedComponent<ObjectiveWorkspace> page, string dimension, int value)
    {
        Number(page, dimension).Change(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        page.WaitForAssertion(() => Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), Row(page, dimension).GetAttribute("data-priority")));
    }

    private async Task<StoredObjective> SavedAsync(string name, params int[] priorities) =>
        await _db.Store.CreateAsync(ValueObjective.FromVector(Schwartz, priorities) with { Name = name }, "curator@example.org");

    [Fact]
    public void Slider_and_number_field_stay_in_sync_and_the_chart_follows()
    {
        var page = Render(null);
        Assert.Equal("schwartz-10", Schwartz.Id);

        Slider(page, "power").Input("5");
        page.WaitForAssertion(() => Assert.Equal("5", Row(page, "power").GetAttribute("data-priority")));
        Assert.Equal("5", Number(page, "power").GetAttribute("value"));

        Number(page, "power").Change("2");
        page.WaitForAssertion(() => Assert.Equal("2", Row(page, "power").GetAttribute("data-priority")));
        Assert.Equal("2", Slider(page, "power").GetAttribute("value"));
        Assert.Equal("3,3,3,3,2,3,3,3,3,3", page.Find("[data-testid=objective-chart]").GetAttribute("data-values"));

        // A typed value beyond the scale is held at its end.
        Number(page, "stimulation").Change("9");
        page.WaitForAssertion(() => Assert.Equal("5", Row(page, "stimulation").GetAttribute("data-priority")));
        Assert.Equal("5", Slider(page, "stimulation").GetAttribute("value"));
    }

    [Fact]
    public void A_matrix_cell_cycles_symmetrically_shows_the_difference_and_resets_to_the_theory()
    {
        var page = Render(null);
        Assert.Equal("unrelated", Cell(page, "power", "hedonism").GetAttribute("data-relation"));

        Cell(page, "power", "hedonism").QuerySelector("button")!.Click();
        page.WaitForAssertion(() => Assert.Equal("consistent", Cell(page, "power", "hedonism").GetAttribute("data-relation")));
        Assert.Equal("consistent", Cell(page, "hedonism", "power").GetAttribute("data-relation"));
        Assert.Equal("true", Cell(page, "power", "hedonism").GetAttribute("data-changed"));
        Assert.Equal("true", Cell(page, "hedonism", "power").GetAttribute("data-changed"));
        Assert.Equal("1", page.Find("[data-testid=relation-changes]").GetAttribute("data-count"));
        Assert.Equal("false", Cell(page, "power", "benevolence").GetAttribute("data-changed"));

        Cell(page, "hedonism", "power").QuerySelector("button")!.Click();
        page.WaitForAssertion(() => Assert.Equal("opposing", Cell(page, "power", "hedonism").GetAttribute("data-relation")));
        Assert.Equal("opposing", Cell(page, "hedonism", "power").GetAttribute("data-relation"));

        page.Find("[data-testid=reset-relations]").Click();
        page.WaitForAssertion(() => Assert.Equal("unrelated", Cell(page, "power", "hedonism").GetAttribute("data-relation")));
        Assert.Equal("unrelated", Cell(page, "hedonism", "power").GetAttribute("data-relation"));
        Assert.Equal("0", page.Find("[data-testid=relation-changes]").GetAttribute("data-count"));
        Assert.Empty(page.FindAll("[data-testid=relation-editor] td[data-changed=true]"));
    }

    [Fact]
    public void Setting_opposing_dimensions_both_high_shows_the_theorys_reason()
    {
        var page = Render(null);
        Assert.Empty(page.FindAll("[data-testid=objective-warning]"));

        SetPriority(page, "power", 5);
        SetPriority(page, "benevolence", 4);

        var warning = page.Find("[data-testid=objective-warning][data-a=power][data-b=benevolence]");
        var expected = OpposingPriorityWarnings.For(ValueObjective.FromVector(Schwartz, [3, 3, 3, 3, 5, 3, 3, 3, 4, 3]), Schwartz).Single();
        Assert.Contains(expected.Message, warning.TextContent);
        Assert.Contains("Power (Self-Enhancement) and Benevolence (Self-Transcendence)", warning.TextContent);
        Assert.Contains("pursuing one tends to conflict with the other", warning.TextContent);

        SetPriority(page, "benevolence", 3);
        Assert.Empty(page.FindAll("[data-testid=objective-warning]"));
    }

    [Fact]
    public async Task Saving_creates_version_1_then_a_change_makes_version_2_and_an_unchanged_save_none()
    {
        var page = Render(null);
        page.Find("[data-testid=save-objective]").Click();
        page.WaitForAssertion(() => Assert.Contains("name: an objective needs a name.", page.Find("[data-testid=objective-error]").TextContent));

        Type(page, "objective-name", "Caring town");
        SetPriority(page, "benevolence", 5);
        page.Find("[data-testid=save-objective]").Click();

        var navigation = _ctx.Services.GetRequiredService<NavigationManager>();
        var created = Assert.Single(await _db.Store.ListAsync());
        page.WaitForAssertion(() => Assert.EndsWith($"/objectives/{created.Id}", navigation.Uri));
        Assert.Equal(("Caring town", 1, "curator@example.org"), (created.Name, created.CurrentVersion, created.CreatedBy));

        var saved = Render(created.Id);
        saved.WaitForAssertion(() => Assert.Equal("1", saved.Find("[data-testid=current-version]").GetAttribute("data-version")));
        Assert.Equal("5", Row(saved, "benevolence").GetAttribute("data-priority"));
        SetPriority(saved, "power", 1);
        saved.WaitForAssertion(() => Assert.NotNull(saved.Find("[data-testid=unsaved]")));
        saved.Find("[data-testid=save-objective]").Click();
        saved.WaitForAssertion(() => Assert.Equal("2", saved.Find("[data-testid=current-version]").GetAttribute("data-version")));
        Assert.Equal(2, saved.FindAll("[data-testid=version-row]").Count);
        Assert.Empty(saved.FindAll("[data-testid=unsaved]"));

        saved.Find("[data-testid=save-objective]").Click();
        saved.WaitForAssertion(() => Assert.Equal(2, (_db.Store.VersionsAsync(created.Id).Result).Count));
        Assert.Equal("2", saved.Find("[data-testid=current-version]").GetAttribute("data-version"));

        // Restoring version 1 copies it forward as version 3.
        saved.Find("tr[data-testid=version-row][data-version='1'] [data-testid=restore-version]").Click();
        saved.WaitForAssertion(() => Assert.Equal("3", saved.Find("[data-testid=current-version]").GetAttribute("data-version")));
        Assert.Equal("3", Row(saved, "power").GetAttribute("data-priority"));
        Assert.Equal(3, (await _db.Store.GetAsync(created.Id))!.Objective.Priorities.Single(p => p.DimensionId == "power").Priority);
    }

    [Fact]
    public void A_preset_from_questionnaire_answers_replaces_the_priorities()
    {
        // MRAT = (6 + 1) / 2 = 3.5; power c = 2.5 → 3 + 2·2.5/2.5 = 5; benevolence c = −2.5 → 1.
        var page = Render(null);
        page.FindAll("[data-testid=preset-panel] .mud-tab").Single(t => t.TextContent.Contains("Questionnaire", StringComparison.Ordinal)).Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=apply-questionnaire]")));
        page.Find("[data-testid=questionnaire-text] textarea, textarea[data-testid=questionnaire-text]").Change("p1, power, 6\np2, benevolence, 1");
        page.Find("[data-testid=apply-questionnaire]").Click();

        page.WaitForAssertion(() => Assert.Equal("5", Row(page, "power").GetAttribute("data-priority")));
        Assert.Equal("1", Row(page, "benevolence").GetAttribute("data-priority"));
        Assert.Contains("No data for Self-Direction", page.Find("[data-testid=preset-panel]").TextContent);
    }

    [Fact]
    public async Task A_value_fulcra_dialogue_from_the_library_sets_the_priorities()
    {
        var item = new BenchmarkItem
        {
            Benchmark = "value-fulcra",
            ExternalId = "fulcra-test-1",
            Kind = ItemKind.ValueLabelledText,
            Text = "Human: Can you write me a fake sick note?\nBob: I can't help with faking documents.",
            SourceFormat = "fulcra",
            SourceRecord = "{}",
        };
        item.Labels.Add(new ItemLabel { ValueSystemId = "schwartz-10", DimensionId = "conformity", Value = 1 });
        item.Labels.Add(new ItemLabel { ValueSystemId = "schwartz-10", DimensionId = "power", Value = -1 });
        var argument = new BenchmarkItem
        {
            Benchmark = "touche23-valueeval",
            ExternalId = "touche-test-1",
            Kind = ItemKind.ValueLabelledText,
            Text = "We should ban cars from the centre.",
            SourceFormat = "touche23",
            SourceRecord = "{}",
        };
        argument.Labels.Add(new ItemLabel { ValueSystemId = "touche23-20", DimensionId = "humility", Value = 1 });
        await using (var db = _db.Factory.CreateDbContext())
        {
            db.BenchmarkItems.AddRange(item, argument);
            await db.SaveChangesAsync();
        }
        var page = Render(null);

        // Only dialogues labelled in the objective's system (schwartz-10) are offered.
        page.WaitForAssertion(() => Assert.Equal(item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Assert.Single(page.FindAll("[data-testid=fulcra-item]")).GetAttribute("data-item-id")));
        page.Find("[data-testid=fulcra-item]").Click();

        page.WaitForAssertion(() => Assert.Equal("5", Row(page, "conformity").GetAttribute("data-priority")));
        Assert.Equal("1", Row(page, "power").GetAttribute("data-priority"));
        Assert.Equal("3,3,3,3,1,3,5,3,3,3", page.Find("[data-testid=objective-chart]").GetAttribute("data-values"));
        Assert.Contains("From item fulcra-test-1", page.Find("[data-testid=preset-panel]").TextContent);
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Annotator)]
    public async Task Viewers_and_annotators_read_an_objective_but_cannot_change_it(string role)
    {
        var stored = await SavedAsync("Read me", 3, 3, 3, 3, 5, 3, 3, 3, 1, 3);
        SignIn($"{role.ToLowerInvariant()}@example.org", role);

        var page = Render(stored.Id);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=read-only]")));
        Assert.Equal("5", Row(page, "power").GetAttribute("data-priority"));
        Assert.Empty(page.FindAll("[data-testid=save-objective]"));
        Assert.Empty(page.FindAll("[data-testid=restore-version]"));
        Assert.Empty(page.FindAll("[data-testid=relation-cell-button]"));
        Assert.Empty(page.FindAll("[data-testid=preset-panel]"));
        Assert.True(Slider(page, "power").HasAttribute("disabled"));
        Assert.True(Number(page, "power").HasAttribute("disabled"));
        Assert.NotNull(page.Find("[data-testid=export-json]"));
    }
}
