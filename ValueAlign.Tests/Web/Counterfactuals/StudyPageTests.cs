using System.Text.Json;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Core.Methods.Couple.Study;
using ValueAlign.Core.Values.Objectives;
using ValueAlign.Core.Values.Objectives.Store;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Values;
using ValueAlign.Web.Components.Pages.Counterfactuals;

namespace ValueAlign.Tests.Web.Counterfactuals;

/// <summary>The study launcher over the real run engine (SQLite, ../shared/models) and the objective store.</summary>
public sealed class StudyPageTests : IAsyncLifetime
{
    private EvalTestBed _bed = default!;
    private ObjectiveStore _store = default!;
    private BunitContext _ctx = default!;

    public async Task InitializeAsync()
    {
        _bed = await EvalTestBed.CreateAsync(new CounterfactualStudyMethod(ValueSystemFiles.Shipped));
        await _bed.ImportDemoFileAsync("arguments-demo.tsv");
        _store = new ObjectiveStore(_bed.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ValueAlign.Core.Data.ValueAlignDbContext>>(), ValueSystemFiles.Shipped, TimeProvider.System);
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        _ctx = new BunitContext();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(_bed.Services.GetRequiredService<ModelRegistry>());
        _ctx.Services.AddSingleton(_bed.Services.GetRequiredService<ValueAlign.Core.Inference.Backends.ModelBackends>());
        _ctx.Services.AddSingleton(_bed.Runs);
        _ctx.Services.AddSingleton(_store);
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized("curator@example.org");
        auth.SetWorkbenchRoles(Roles.Curator);
        _ctx.Render<MudBlazor.MudPopoverProvider>();
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        await _bed.DisposeAsync();
    }

    [Fact]
    public async Task Starting_a_study_creates_a_run_with_the_chosen_objectives_and_methods_and_opens_it()
    {
        var system = ValueSystemFiles.Shipped.Get("schwartz-10");
        var saved = await _store.CreateAsync(ValueObjective.Uniform(system, 4) with { Name = "all four" }, "curator@example.org");
        var page = _ctx.Render<StudyPage>();

        CheckBox(page, $"study-objective-{saved.Id}").Change(true);
        CheckBox(page, "study-method-couple-no-graph").Change(false);
        CheckBox(page, "study-method-value-prompt").Change(false);
        CheckBox(page, "study-method-raw").Change(true);
        CheckBox(page, "study-method-couple-no-scm").Change(true);
        page.Find("[data-testid=study-start]").Click();

        var navigation = _ctx.Services.GetRequiredService<BunitNavigationManager>();
        page.WaitForAssertion(() => Assert.Matches(@"/runs/\d+$", navigation.Uri));
        var runs = await _bed.Runs.ListAsync();
        var run = (await _bed.Runs.GetAsync(runs.Single().Run.Id))!;
        Assert.Equal(CounterfactualStudyMethod.MethodId, run.Method);
        using var parameters = JsonDocument.Parse(run.ParametersJson);
        Assert.Equal(["raw", "couple", "couple-no-scm"], parameters.RootElement.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        var objective = parameters.RootElement.GetProperty("objectives")[0];
        Assert.Equal("all four v1", objective.GetProperty("name").GetString());
        // 5 demo arguments x 1 objective x 3 methods.
        Assert.Equal(3 * await CountArgumentsAsync(), run.UnitCount);
    }

    [Fact]
    public void Without_an_objective_the_study_is_refused_with_a_message_and_no_run()
    {
        var page = _ctx.Render<StudyPage>();
        page.WaitForElement("[data-testid=study-no-objectives]");

        page.Find("[data-testid=study-start]").Click();

        page.WaitForAssertion(() => Assert.Equal("Choose at least one objective.", page.Find("[data-testid=study-error]").TextContent.Trim()));
    }

    /// <summary>The checkbox input of a MudCheckBox, once the page has loaded its data.</summary>
    private static AngleSharp.Dom.IElement CheckBox(IRenderedComponent<StudyPage> page, string testId)
    {
        var element = page.WaitForElement($"[data-testid={testId}]");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    private async Task<int> CountArgumentsAsync()
    {
        await using var db = _bed.OpenDb();
        return db.BenchmarkItems.Count(i => i.Kind == ItemKind.ValueLabelledText);
    }
}
