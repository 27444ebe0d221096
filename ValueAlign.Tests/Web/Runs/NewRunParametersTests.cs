using System.Text.Json;
using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Methods.Culture;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Methods.Optimisation;
using ValueAlign.Web.Components.Pages.Runs;

namespace ValueAlign.Tests.Web.Runs;

/// <summary>/runs/new renders the chosen method's parameter schema as controls, validated by the Core validator.</summary>
public sealed class NewRunParametersTests : IAsyncLifetime
{
    /// <summary>What `eval --param maxTokens=5000` prints for culture-mcq (see EvalParameterOptionsTests).</summary>
    public const string MaxTokensTooLarge = "The culture-mcq parameter 'maxTokens' must be a whole number between 1 and 4096, got 5000.";

    private EvalTestBed _bed = default!;
    private BunitContext _ctx = default!;
    private IRenderedComponent<MudBlazor.MudPopoverProvider> _popovers = default!;

    public async Task InitializeAsync()
    {
        _bed = await OptimisationRunBed.CreateAsync();
        await _bed.ImportCultureItemsAsync([EvalTestBed.CultureRow("jp-1"), EvalTestBed.CultureRow("in-1", country: "India")]);
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

    private IRenderedComponent<NewRunPage> RenderReady()
    {
        var page = _ctx.Render<NewRunPage>();
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=start-run]").HasAttribute("disabled")));
        return page;
    }

    /// <summary>The input (or textarea) of the control with this test id, wherever MudBlazor puts the attribute.</summary>
    private static IElement Input(IRenderedComponent<NewRunPage> page, string testId) =>
        page.Find($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea");

    private static bool StartDisabled(IRenderedComponent<NewRunPage> page) => page.Find("[data-testid=start-run]").HasAttribute("disabled");

    [Fact]
    public async Task The_method_schema_shows_as_controls_with_defaults_ranges_and_help_and_an_untouched_form_starts_the_default_run()
    {
        var page = RenderReady();

        Assert.Equal("96", Input(page, "param-maxTokens").GetAttribute("value"));
        Assert.Contains("Generation budget of an answer in generate mode, in tokens. (1–4096)", page.Markup, StringComparison.Ordinal);
        Assert.Equal("likelihood", page.Find("[data-testid=param-mode]").TextContent.Trim());
        Assert.NotEmpty(page.FindAll("[data-testid=param-circular], [data-testid=param-grounding]"));
        Assert.Empty(page.FindAll("[data-testid=run-parameter-errors]"));

        page.Find("[data-testid=start-run]").Click();

        page.WaitForAssertion(() => Assert.Matches(@"/runs/\d+$", _ctx.Services.GetRequiredService<BunitNavigationManager>().Uri));
        var run = Assert.Single(await _bed.Runs.ListAsync()).Run;
        Assert.Equal(CultureMcqParameters.Schema.DefaultsJson, run.ParametersJson);
    }

    [Fact]
    public async Task A_changed_field_goes_into_the_run_parameters()
    {
        var page = RenderReady();

        Input(page, "param-maxTokens").Change("64");
        Input(page, "param-heldOutThemes").Change("etiquette, food");
        page.Find("[data-testid=start-run]").Click();

        page.WaitForAssertion(() => Assert.Matches(@"/runs/\d+$", _ctx.Services.GetRequiredService<BunitNavigationManager>().Uri));
        using var parameters = JsonDocument.Parse(Assert.Single(await _bed.Runs.ListAsync()).Run.ParametersJson);
        Assert.Equal(64, parameters.RootElement.GetProperty("maxTokens").GetInt32());
        Assert.Equal(["etiquette", "food"], parameters.RootElement.GetProperty("heldOutThemes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_json_view_shows_the_validator_texts_and_an_invalid_object_blocks_start_until_fixed()
    {
        var page = RenderReady();
        Input(page, "run-parameters-json-toggle").Change(true);
        Assert.Contains("\"maxTokens\": 96", Input(page, "run-parameters-json").TextContent + Input(page, "run-parameters-json").GetAttribute("value"), StringComparison.Ordinal);

        Input(page, "run-parameters-json").Change("""{"mode":"likelihood","maxTokens":5000,"circluar":true}""");

        page.WaitForAssertion(() =>
        {
            var errors = page.Find("[data-testid=run-parameter-errors]").TextContent;
            Assert.Contains(MaxTokensTooLarge, errors, StringComparison.Ordinal);
            Assert.Contains("Unknown culture-mcq parameter 'circluar'; allowed: mode, circular, heldOutThemes, maxTokens, grounding.", errors, StringComparison.Ordinal);
        });
        Assert.True(StartDisabled(page));

        Input(page, "run-parameters-json").Change("""{"mode":"likelihood","maxTokens":""");
        page.WaitForAssertion(() => Assert.Contains("not valid JSON", page.Markup, StringComparison.Ordinal));
        Assert.True(StartDisabled(page));

        Input(page, "run-parameters-json").Change("""{"mode":"generate","maxTokens":64}""");
        page.WaitForAssertion(() => Assert.False(StartDisabled(page)));
        Assert.Empty(page.FindAll("[data-testid=run-parameter-errors]"));
        Input(page, "run-parameters-json-toggle").Change(false);
        page.WaitForAssertion(() => Assert.Equal("64", Input(page, "param-maxTokens").GetAttribute("value")));
        Assert.Equal("generate", page.Find("[data-testid=param-mode]").TextContent.Trim());

        page.Find("[data-testid=start-run]").Click();
        page.WaitForAssertion(() => Assert.Matches(@"/runs/\d+$", _ctx.Services.GetRequiredService<BunitNavigationManager>().Uri));
        Assert.Equal("""{"maxTokens":64,"mode":"generate"}""", Assert.Single(await _bed.Runs.ListAsync()).Run.ParametersJson);
    }

    [Fact]
    public void A_required_field_left_blank_shows_its_message_and_blocks_start()
    {
        var page = RenderReady();
        Choose(page, "Method", "Value conformity");

        page.WaitForAssertion(() => Assert.Contains("The value-conformity parameter 'instruction' is required.", page.Markup, StringComparison.Ordinal));
        Assert.True(StartDisabled(page));

        Input(page, "param-instruction").Change("Honour your parents.");

        page.WaitForAssertion(() => Assert.DoesNotContain("is required.", page.Markup, StringComparison.Ordinal));
        Assert.False(StartDisabled(page));
    }

    /// <summary>Opens the MudSelect labelled <paramref name="label"/> and clicks the item whose text starts with <paramref name="text"/>.</summary>
    private void Choose(IRenderedComponent<NewRunPage> page, string label, string text)
    {
        page.FindAll("div.mud-input-control").First(c => c.QuerySelector("label")?.TextContent.Trim() == label)
            .QuerySelector("div.mud-input-control-input-container, .mud-select-input, .mud-input")!.MouseDown();
        _popovers.WaitForAssertion(() => Assert.Contains(_popovers.FindAll(".mud-list-item"), i => i.TextContent.Trim().StartsWith(text, StringComparison.Ordinal)));
        _popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim().StartsWith(text, StringComparison.Ordinal)).Click();
        _popovers.WaitForAssertion(() => Assert.Empty(_popovers.FindAll(".mud-list-item")));
    }
}
