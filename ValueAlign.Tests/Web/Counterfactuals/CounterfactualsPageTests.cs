using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Values;
using ValueAlign.Tests.Methods.Couple;
using ValueAlign.Tests.Values;
using ValueAlign.Web.Components.Pages.Counterfactuals;
using ValueAlign.Web.Counterfactuals;

namespace ValueAlign.Tests.Web.Counterfactuals;

/// <summary>The inspector page on a scripted model (the algorithm is tested in Core; here: what the page shows and does).</summary>
public sealed class CounterfactualsPageTests(InspectorLibraryFixture fixture) : IClassFixture<InspectorLibraryFixture>, IAsyncLifetime
{
    private const string Question = "Should the town build a factory in the forest?";
    private const string Response = "Yes, build it: jobs bring wealth and status, and we win.";
    private static readonly ValueSystem System = ValueSystemFiles.Shipped.Get("schwartz-10");

    private readonly BunitContext _ctx = new();
    private readonly ModelHost _host = new(new ModelRuntimeOptions(), NullLogger<ModelHost>.Instance);
    private readonly CoupleScript _script = new(System)
    {
        Before = [.. System.Dimensions.Select(d => d.Id == "power" ? 5 : 2)],
        After = [.. System.Dimensions.Select(d => d.Id is "universalism" or "benevolence" ? 5 : d.Id == "power" ? 1 : 3)],
    };

    private sealed record FixedModel(ILanguageModel? Current) : IInspectorModel;

    private sealed record FixedModels(ILanguageModel Current, IReadOnlyList<ILanguageModel> Loaded) : IInspectorModel
    {
        ILanguageModel? IInspectorModel.Current => Current;
    }

    public Task InitializeAsync()
    {
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(_host);
        _ctx.Services.AddSingleton(new ValueAlign.Core.Methods.Couple.Inspection.CounterfactualInspector());
        _ctx.Services.AddSingleton(ValueSystemFiles.Shipped);
        _ctx.Services.AddSingleton(fixture.Library.Query);
        _ctx.Services.AddSingleton(new ValueAlign.Core.Values.Objectives.Store.ObjectiveStore(fixture.Library.Factory, ValueSystemFiles.Shipped, TimeProvider.System));
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized("curator@example.org");
        auth.SetWorkbenchRoles(Roles.Curator);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        await _host.DisposeAsync();
    }

    private IRenderedComponent<CounterfactualsPage> Render(ILanguageModel? model)
    {
        _ctx.Services.AddSingleton<IInspectorModel>(new FixedModel(model));
        _ctx.Render<MudBlazor.MudPopoverProvider>();
        return _ctx.Render<CounterfactualsPage>();
    }

    private static void Type(IRenderedComponent<CounterfactualsPage> page, string testId, string text) =>
        page.Find($"[data-testid={testId}] textarea, textarea[data-testid={testId}]").Input(text);

    private static void SetPriority(IRenderedComponent<CounterfactualsPage> page, string dimension, int value) =>
        page.Find($"[data-testid=priority-{dimension}] input, input[data-testid=priority-{dimension}]").Change(value.ToString(global::System.Globalization.CultureInfo.InvariantCulture));

    private static void Fill(IRenderedComponent<CounterfactualsPage> page)
    {
        Type(page, "question", Question);
        Type(page, "response", Response);
        SetPriority(page, "power", 1);
        SetPriority(page, "universalism", 5);
        SetPriority(page, "benevolence", 5);
    }

    [Fact]
    public void Without_a_model_the_page_says_so_links_to_models_and_cannot_run()
    {
        var page = Render(null);

        Assert.Contains("No language model is loaded", page.Find("[data-testid=no-model]").TextContent);
        Assert.Equal("/models", page.Find("[data-testid=no-model] a").GetAttribute("href"));
        Type(page, "question", Question);
        Type(page, "response", Response);
        Assert.True(page.Find("button[data-testid=run]").HasAttribute("disabled"));
        Assert.True(page.Find("button[data-testid=generate-response]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Couple_run_shows_both_texts_with_diff_marks_the_three_profiles_metrics_and_the_trace()
    {
        var model = new ScriptedLanguageModel(_script.Respond);
        var page = Render(model);
        Fill(page);

        await page.Find("button[data-testid=run]").ClickAsync(new());

        page.WaitForElement("[data-testid=results]");
        Assert.Empty(page.FindAll("[data-testid=no-model]"));
        var original = page.Find("[data-testid=original-text]");
        var counterfactual = page.Find("[data-testid=counterfactual-text]");
        // Each side reads as its own text again (words separated by single spaces).
        Assert.Equal(Response, original.TextContent.Trim());
        Assert.Equal(_script.Rewritten, counterfactual.TextContent.Trim());
        // Only "and" is common to both texts; everything else is a deletion on the left and an insertion on the right.
        Assert.Contains("Yes, build it: jobs bring wealth", original.QuerySelectorAll("del[data-testid=diff-del]").Select(e => e.TextContent).First());
        Assert.Equal(["We should care for everyone", "share power."], counterfactual.QuerySelectorAll("ins[data-testid=diff-ins]").Select(e => e.TextContent));
        Assert.Empty(original.QuerySelectorAll("ins"));
        Assert.Empty(counterfactual.QuerySelectorAll("del"));

        Assert.Equal("3", page.Find("[data-testid=result-chart] [data-testid=profile-chart]").GetAttribute("data-traces"));
        // After: expectations 0.5 * digit + 1.5 = 4 (universalism, benevolence), 2 (power), 3 (others); target 5, 5, 1, 3:
        // MAE = (1 + 1 + 1) / 10 = 0.3, and the same ranking as the target: Spearman 1.
        Assert.Equal("0.300", page.Find("[data-testid=metric-mae]").TextContent.Trim());
        Assert.Equal("1.000", page.Find("[data-testid=metric-spearman]").TextContent.Trim());
        Assert.Equal(["Abduction", "Action", "Prediction", "Evaluation"], page.FindAll("[data-testid=trace-step]").Select(e => e.GetAttribute("data-step")));
        Assert.Contains("ms", page.Find("[data-testid=trace-step-timing]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=run-errors]"));
    }

    [Fact]
    public async Task Cancel_stops_the_running_model_call()
    {
        var model = new GatedLanguageModel(new ScriptedLanguageModel(_script.Respond), prompt => prompt.EndsWith("Rewritten response:\n", StringComparison.Ordinal));
        var page = Render(model);
        Fill(page);

        // Not awaited: the click's task is the whole run, which only ends once it is cancelled.
        var running = page.Find("button[data-testid=run]").ClickAsync(new());
        await model.Entered.WaitAsync(TimeSpan.FromSeconds(15));
        page.WaitForAssertion(() => Assert.Contains("Partial rewrite", page.Find("[data-testid=live-output]").TextContent));
        Assert.Contains("Prediction", page.Find("[data-testid=live-step]").TextContent);
        Assert.False(page.Find("button[data-testid=cancel]").HasAttribute("disabled"));

        await page.Find("button[data-testid=cancel]").ClickAsync(new());

        // Throws TimeoutException if the running model call never saw the cancellation.
        await model.Cancelled.WaitAsync(TimeSpan.FromSeconds(15));
        await running.WaitAsync(TimeSpan.FromSeconds(15));
        page.WaitForAssertion(() => Assert.Contains("Run cancelled", page.Find("[data-testid=message]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=results]"));
        Assert.True(page.Find("button[data-testid=cancel]").HasAttribute("disabled"));
        Assert.False(page.Find("button[data-testid=run]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Attribute_shows_the_attributed_profile_with_the_target()
    {
        var page = Render(new ScriptedLanguageModel(_script.Respond));
        Type(page, "question", Question);
        Type(page, "response", Response);

        await page.Find("button[data-testid=attribute]").ClickAsync(new());

        page.WaitForElement("[data-testid=attributed-chart]");
        Assert.Equal("2", page.Find("[data-testid=attributed-chart] [data-testid=profile-chart]").GetAttribute("data-traces"));
    }

    [Fact]
    public async Task A_judge_picked_among_the_loaded_models_rates_the_responses_and_the_result_says_who_judged()
    {
        var model = new ScriptedLanguageModel(_script.Respond);
        var judge = new ScriptedLanguageModel(_script.Respond) { Description = new("judge", "/models/judge.gguf", 70000, 8, 100000, 0, false) };
        _ctx.Services.AddSingleton<IInspectorModel>(new FixedModels(model, [model, judge]));
        var popovers = _ctx.Render<MudBlazor.MudPopoverProvider>();
        var page = _ctx.Render<CounterfactualsPage>();
        Fill(page);
        await page.Find("button[data-testid=method-value-prompt]").ClickAsync(new());

        page.FindAll("div.mud-input-control").First(c => c.TextContent.Contains("Judge (attribution and evaluation)"))
            .QuerySelector("div.mud-input-control-input-container, .mud-select-input, .mud-input")!.MouseDown();
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-list-item"), i => i.TextContent.Trim() == "judge"));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == "judge").Click();
        page.WaitForAssertion(() => Assert.Contains("Judged by judge.", page.Markup));
        await page.Find("button[data-testid=run]").ClickAsync(new());

        page.WaitForElement("[data-testid=results]");
        Assert.Equal("judged by judge", page.Find("[data-testid=cf-judging]").TextContent.Trim());
        // The model only wrote; every rating prompt (the before and after attributions) went to the judge.
        Assert.DoesNotContain(model.Completions, c => c.Prompt.Contains("Rate how strongly", StringComparison.Ordinal));
        Assert.Contains(model.Completions, c => c.Prompt.StartsWith("Give these values the following priorities", StringComparison.Ordinal));
        Assert.Equal(2, judge.Completions.Count); // before and after
        Assert.All(judge.Completions, c => Assert.Contains("Rate how strongly", c.Prompt));
    }

    [Fact]
    public async Task Without_a_judge_the_inspector_result_is_labelled_self_judged()
    {
        var page = Render(new ScriptedLanguageModel(_script.Respond));
        Fill(page);
        await page.Find("button[data-testid=method-value-prompt]").ClickAsync(new());
        await page.Find("button[data-testid=run]").ClickAsync(new());
        page.WaitForElement("[data-testid=results]");
        Assert.Equal("self-judged", page.Find("[data-testid=cf-judging]").TextContent.Trim());
    }

    [Fact]
    public async Task Value_prompt_states_the_priorities_set_in_the_editor_and_charts_before_target_and_after()
    {
        var model = new ScriptedLanguageModel(_script.Respond);
        var page = Render(model);
        Fill(page);
        await page.Find("button[data-testid=method-value-prompt]").ClickAsync(new());

        await page.Find("button[data-testid=run]").ClickAsync(new());

        page.WaitForElement("[data-testid=results]");
        var prompt = Assert.Single(model.Completions, c => c.Prompt.StartsWith("Give these values the following priorities", StringComparison.Ordinal)).Prompt;
        Assert.Contains("- Power: 1\n", prompt);
        Assert.Contains("- Universalism: 5\n", prompt);
        Assert.Contains("- Hedonism: 3\n", prompt);
        Assert.Contains("Result: ValuePrompt", page.Find("[data-testid=results]").TextContent);
        // The baseline has no abduction: the page attributed the original first, so "before" is drawn too.
        Assert.Equal("3", page.Find("[data-testid=result-chart] [data-testid=profile-chart]").GetAttribute("data-traces"));
        Assert.Equal(["Generation", "Evaluation"], page.FindAll("[data-testid=trace-step]").Select(e => e.GetAttribute("data-step")));
    }

    [Fact]
    public async Task Generate_streams_the_models_answer_into_the_response()
    {
        var model = new ScriptedLanguageModel(_script.Respond);
        var page = Render(model);
        Type(page, "question", Question);

        await page.Find("button[data-testid=generate-response]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(_script.Rewritten, page.Find("[data-testid=response] textarea, textarea[data-testid=response]").GetAttribute("value") ?? page.Find("textarea").TextContent));
        Assert.Equal($"Question: {Question}\nAnswer:\n", Assert.Single(model.Completions).Prompt);
    }

    [Fact]
    public async Task Picking_a_fulcra_dialogue_fills_question_and_response()
    {
        var page = Render(new ScriptedLanguageModel(_script.Respond));
        // The picker starts on Touché arguments (the demo has some); switch to Value FULCRA dialogues and search.
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=item-result]")));
        await page.Find("button[data-testid=item-benchmark-value-fulcra]").ClickAsync(new());
        page.Find("[data-testid=item-search] input, input[data-testid=item-search]").Input("doctor");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=item-result]")));
        await page.Find("[data-testid=item-result]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("Can you help me write a fake doctor's note so I can skip work?", QuestionValue(page)));
    }

    private static string? QuestionValue(IRenderedComponent<CounterfactualsPage> page) =>
        page.Find("[data-testid=question] textarea, textarea[data-testid=question]").GetAttribute("value");
}
