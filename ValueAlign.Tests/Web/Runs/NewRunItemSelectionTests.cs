using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Evaluation.Selection;
using ValueAlign.Tests.Methods.Optimisation;
using ValueAlign.Web.Components.Pages.Runs;

namespace ValueAlign.Tests.Web.Runs;

/// <summary>/runs/new shows, before starting, how many selected items the chosen method can use and which kinds it would skip.</summary>
public sealed class NewRunItemSelectionTests : IAsyncLifetime
{
    private EvalTestBed _bed = default!;
    private BunitContext _ctx = default!;
    private IRenderedComponent<MudBlazor.MudPopoverProvider> _popovers = default!;

    public async Task InitializeAsync()
    {
        _bed = await OptimisationRunBed.CreateAsync();
        await MixedItems.AddAsync(_bed);
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        _ctx = new BunitContext();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(_bed.Runs);
        foreach (var type in new[] { typeof(RunArtefactStore), typeof(ModelBackends), typeof(BenchmarkQuery), typeof(EvaluationMethods) })
            _ctx.Services.AddSingleton(type, _bed.Services.GetRequiredService(type));
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized("curator@example.org");
        auth.SetWorkbenchRoles(Roles.Curator);
        _popovers = _ctx.Render<MudBlazor.MudPopoverProvider>();
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        await _bed.DisposeAsync();
    }

    private static string Count(IRenderedComponent<NewRunPage> page) => page.Find("[data-testid=run-item-count]").TextContent.Trim();

    private static string? SkippedLine(IRenderedComponent<NewRunPage> page) => page.FindAll("[data-testid=run-skipped]").SingleOrDefault()?.TextContent.Trim();

    [Fact]
    public void The_usable_count_and_the_skipped_kinds_follow_the_method_and_the_filter()
    {
        var page = _ctx.Render<NewRunPage>();
        // culture-mcq takes one kind, so the form starts from that kind: everything selected is usable.
        page.WaitForAssertion(() => Assert.Equal("3 item(s) selected", Count(page)));
        Assert.Null(SkippedLine(page));

        // The whole mixed benchmark: the culture items are usable, the others are counted by kind.
        Choose(page, "Benchmark", MixedItems.Benchmark);
        ClearKind(page);
        page.WaitForAssertion(() => Assert.Equal("3 usable item(s) selected", Count(page)));
        Assert.Equal("skipped: 2 items of kind QuestionnaireItem, 1 item of kind MoralScenario (the method cannot use them)", SkippedLine(page));

        // Another method counts the same selection its own way.
        Choose(page, "Method", "MoVa");
        page.WaitForAssertion(() => Assert.Equal("1 usable item(s) selected", Count(page)));
        Assert.Equal("skipped: 3 items of kind CultureMultipleChoice, 2 items of kind QuestionnaireItem (the method cannot use them)", SkippedLine(page));
        Assert.False(page.Find("[data-testid=start-run]").HasAttribute("disabled"));
    }

    private void ClearKind(IRenderedComponent<NewRunPage> page)
    {
        Control(page, "Kind").QuerySelector(".mud-input-clear-button")!.Click();
    }

    private static IElement Control(IRenderedComponent<NewRunPage> page, string label) =>
        page.FindAll("div.mud-input-control").First(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    /// <summary>Opens the MudSelect labelled <paramref name="label"/> and clicks the item whose text starts with <paramref name="text"/>.</summary>
    private void Choose(IRenderedComponent<NewRunPage> page, string label, string text)
    {
        Control(page, label).QuerySelector("div.mud-input-control-input-container, .mud-select-input, .mud-input")!.MouseDown();
        _popovers.WaitForAssertion(() => Assert.Contains(_popovers.FindAll(".mud-list-item"), i => i.TextContent.Trim().StartsWith(text, StringComparison.Ordinal)));
        _popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim().StartsWith(text, StringComparison.Ordinal)).Click();
        _popovers.WaitForAssertion(() => Assert.Empty(_popovers.FindAll(".mud-list-item")));
    }
}
