using Bunit;
using MudBlazor.Services;
using ValueAlign.Core.Annotation.Preference;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Web.Components.Pages.Annotate;
using ValueAlign.Web.Components.Shared;

namespace ValueAlign.Tests.Web.Annotate;

/// <summary>A preference item on the annotate page: both answers in the annotator's order, and no mark of the reward's choice.</summary>
public sealed class PreferencePairViewTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private static ItemView Pair() => ItemView.From(new BenchmarkItem
    {
        Id = 5, Benchmark = "longmab-pairs-run-1", ExternalId = "hotpotqa/x", Kind = ItemKind.PreferencePair,
        Text = "Who designed Kerrow Light?", Context = "Kerrow Light\nKerrow Light was designed by Marta Quell.",
        OptionsJson = """["Answer: Marta Quell","Answer: unknown"]""", Answer = "A", Explanation = "Gold answer: Marta Quell",
        SourceFormat = "longmab-po-pair", SourceRecord = "{}",
    });

    [Theory]
    [InlineData(PreferencePresentation.AsStored, "Answer: Marta Quell", "Answer: unknown")]
    [InlineData(PreferencePresentation.Swapped, "Answer: unknown", "Answer: Marta Quell")]
    public void Answers_show_as_A_and_B_in_the_given_order_without_the_reward_mark(string order, string shownA, string shownB)
    {
        var panel = _ctx.Render<AnnotateItemPanel>(p => p.Add(x => x.View, Pair()).Add(x => x.PreferenceOrder, order));
        var answers = panel.FindAll("[data-testid=preference-answer]");
        Assert.Equal(["A", "B"], answers.Select(a => a.GetAttribute("data-shown-as")));
        Assert.Equal(shownA, answers[0].QuerySelector("pre")!.TextContent);
        Assert.Equal(shownB, answers[1].QuerySelector("pre")!.TextContent);
        Assert.Empty(panel.FindAll("[data-testid=answer-option]"));
        Assert.Empty(panel.FindAll("[data-testid=item-options]"));
        Assert.Contains("Gold answer: Marta Quell", panel.Find("[data-testid=item-explanation]").TextContent);
    }

    [Fact]
    public void Without_an_order_the_item_shows_its_options_as_usual()
    {
        var panel = _ctx.Render<AnnotateItemPanel>(p => p.Add(x => x.View, Pair()));
        Assert.Empty(panel.FindAll("[data-testid=preference-pair]"));
        Assert.Equal(2, panel.FindAll("[data-testid=item-options] li").Count);
    }
}
