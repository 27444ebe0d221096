using AngleSharp.Dom;
using Bunit;
using MudBlazor.Services;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;
using ValueAlign.Tests.Values;
using ValueAlign.Web.Components.Shared.Objectives;

namespace ValueAlign.Tests.Web.Objectives;

/// <summary>The one priority editor (objectives workspace and counterfactuals page): slider and number bound together, importance optional, everything else of the objective kept.</summary>
public sealed class PriorityEditorTests : IAsyncDisposable
{
    private static readonly ValueSystem Schwartz = ValueSystemFiles.Shipped.Get("schwartz-10");

    private readonly BunitContext _ctx = new();
    private readonly List<ValueObjective> _changes = [];

    public PriorityEditorTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();

    private IRenderedComponent<PriorityEditor> Render(ValueObjective objective, bool showImportance = true, bool readOnly = false) =>
        _ctx.Render<PriorityEditor>(p => p
            .Add(x => x.ValueSystem, Schwartz)
            .Add(x => x.Objective, objective)
            .Add(x => x.ShowImportance, showImportance)
            .Add(x => x.ReadOnly, readOnly)
            .Add(x => x.ObjectiveChanged, (ValueObjective o) => _changes.Add(o)));

    private static IElement Row(IRenderedComponent<PriorityEditor> editor, string dimension) =>
        editor.Find($"tr[data-testid=priority-row][data-dimension={dimension}]");

    private static ValueObjective Loaded() => ValueObjective.Uniform(Schwartz, 3) with
    {
        Priorities = [.. ValueObjective.Uniform(Schwartz, 3).Priorities.Select(p => p.DimensionId == "benevolence" ? p with { Importance = 2.5 } : p)],
        RelationOverrides = [new RelationPair("power", "benevolence", Relation.Consistent)],
        Name = "saved",
    };

    [Fact]
    public void Every_dimension_has_a_row_in_the_systems_order_showing_its_priority()
    {
        var editor = Render(ValueObjective.FromVector(Schwartz, [.. Enumerable.Range(0, Schwartz.Dimensions.Count).Select(i => i % 5 + 1)]));

        var rows = editor.FindAll("tr[data-testid=priority-row]");
        Assert.Equal(Schwartz.Dimensions.Select(d => d.Id), rows.Select(r => r.GetAttribute("data-dimension")));
        Assert.Equal(Enumerable.Range(0, Schwartz.Dimensions.Count).Select(i => (i % 5 + 1).ToString()), rows.Select(r => r.GetAttribute("data-priority")));
        Assert.Equal(Schwartz.Dimensions[0].Name, rows[0].QuerySelector("td")!.TextContent);
    }

    [Fact]
    public void The_slider_and_the_number_field_set_the_priority_clamped_keeping_importance_and_relations()
    {
        var loaded = Loaded();
        var editor = Render(loaded);

        Row(editor, "power").QuerySelector("input[type=range]")!.Input("5");
        editor.Find("[data-testid=priority-benevolence] input").Change("9");

        Assert.Equal(2, _changes.Count);
        Assert.Equal(5, _changes[0].Priorities.Single(p => p.DimensionId == "power").Priority);
        Assert.Equal(ValueObjective.MaxPriority, _changes[1].Priorities.Single(p => p.DimensionId == "benevolence").Priority);
        Assert.Equal(2.5, _changes[1].Priorities.Single(p => p.DimensionId == "benevolence").Importance);
        Assert.Same(loaded.RelationOverrides, _changes[1].RelationOverrides);
        Assert.Equal("saved", _changes[1].Name);
        // Only the edited dimension changed.
        Assert.All(_changes[0].Priorities.Where(p => p.DimensionId != "power"), p => Assert.Equal(3, p.Priority));
    }

    [Fact]
    public void Importance_is_edited_when_shown_and_hidden_otherwise()
    {
        var shown = Render(Loaded());
        Assert.Equal("2.5", Row(shown, "benevolence").GetAttribute("data-importance"));
        Row(shown, "power").QuerySelector("[data-testid=importance-number] input, input[data-testid=importance-number]")!.Change("4");
        Assert.Equal(4, Assert.Single(_changes).Priorities.Single(p => p.DimensionId == "power").Importance);

        var hidden = Render(Loaded(), showImportance: false);
        Assert.Empty(hidden.FindAll("[data-testid=importance-number]"));
        Assert.Equal(Schwartz.Dimensions.Count, hidden.FindAll("tr[data-testid=priority-row]").Count);
    }

    [Fact]
    public void A_read_only_editor_disables_its_fields()
    {
        var editor = Render(Loaded(), readOnly: true);

        Assert.True(Row(editor, "power").QuerySelector("input[type=range]")!.HasAttribute("disabled"));
        Assert.True(editor.Find("[data-testid=priority-power] input").HasAttribute("disabled"));
        Assert.Empty(_changes);
    }
}
