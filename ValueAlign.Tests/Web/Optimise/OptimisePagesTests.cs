using System.Text.Json;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.Irote;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Methods.Picaco;
using ValueAlign.Core.Values;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Methods.Optimisation;
using ValueAlign.Web.Components.Pages.Optimise;

namespace ValueAlign.Tests.Web.Optimise;

/// <summary>/optimise and the live view of an optimisation run over the real engine and stories260K.</summary>
public sealed class OptimisePagesTests : IAsyncLifetime
{
    private EvalTestBed _bed = default!;
    private BunitContext _ctx = default!;
    private IRenderedComponent<MudBlazor.MudPopoverProvider> _popovers = default!;

    public async Task InitializeAsync()
    {
        _bed = await OptimisationRunBed.CreateAsync();
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(20);
        _ctx = new BunitContext();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(_bed.Runs);
        _ctx.Services.AddSingleton(_bed.Queue);
        _ctx.Services.AddSingleton(new RunControl(_bed.Runs));
        foreach (var type in new[]
                 {
                     typeof(RunArtefactStore), typeof(ModelBackends), typeof(OptimisationStarter), typeof(OptimisationRunReader),
                     typeof(OptimisationProgressBoard), typeof(ValueSetCatalog), typeof(ValueSystemCatalog), typeof(BenchmarkQuery), typeof(EvaluationMethods), typeof(OptimisationChecks),
                 })
        {
            _ctx.Services.AddSingleton(type, _bed.Services.GetRequiredService(type));
        }
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

    [Fact]
    public async Task Starting_with_demo_sizes_creates_a_picaco_run_on_the_shipped_prompts_and_opens_its_live_view()
    {
        var page = _ctx.Render<OptimisePage>();
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=opt-start]").HasAttribute("disabled")));

        page.Find("[data-testid=opt-demo-sizes]").Click();
        page.Find("[data-testid=opt-start]").Click();

        var navigation = _ctx.Services.GetRequiredService<BunitNavigationManager>();
        page.WaitForAssertion(() => Assert.Matches(@"/optimise/\d+$", navigation.Uri));
        var run = (await _bed.Runs.ListAsync(kind: RunKind.Optimisation)).Single().Run;
        Assert.Equal(PicacoMethod.MethodId, run.Method);
        using var parameters = JsonDocument.Parse(run.ParametersJson);
        Assert.Equal("confucianism-4", parameters.RootElement.GetProperty("valueSet").GetString());
        Assert.Equal((2, 3, 2, 2), (parameters.RootElement.GetProperty("rounds").GetInt32(), parameters.RootElement.GetProperty("prompts").GetInt32(),
            parameters.RootElement.GetProperty("alignedPool").GetInt32(), parameters.RootElement.GetProperty("noisyPool").GetInt32()));
        Assert.Contains("valuealign-value-laden", run.ItemFilterJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typed_prompts_for_irote_become_a_new_benchmark_the_run_selects()
    {
        var page = _ctx.Render<OptimisePage>();
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=opt-start]").HasAttribute("disabled")));
        Choose(page, "Method", "IROTE");
        Choose(page, "Source", "Typed here");
        page.Find("textarea[data-testid=opt-typed], [data-testid=opt-typed] textarea").Change("Should I lend my car to a friend?\n\nIs honesty always right?\n");
        page.Find("[data-testid=opt-demo-sizes]").Click();

        page.Find("[data-testid=opt-start]").Click();

        var navigation = _ctx.Services.GetRequiredService<BunitNavigationManager>();
        page.WaitForAssertion(() => Assert.Matches(@"/optimise/\d+$", navigation.Uri));
        var run = (await _bed.Runs.ListAsync(kind: RunKind.Optimisation)).Single().Run;
        Assert.Equal(IroteMethod.MethodId, run.Method);
        Assert.Contains("\"trait\":\"big-five:agreeableness\"", run.ParametersJson, StringComparison.Ordinal);
        var benchmark = ItemFilterJson.Deserialize(run.ItemFilterJson).Benchmark!;
        Assert.StartsWith("typed-prompts-", benchmark, StringComparison.Ordinal);
        await using var db = _bed.OpenDb();
        Assert.Equal(["Is honesty always right?", "Should I lend my car to a friend?"],
            (await db.BenchmarkItems.Where(i => i.Benchmark == benchmark).Select(i => i.Text).ToListAsync()).Order());
    }

    [Fact]
    public async Task The_live_view_grows_the_curve_round_by_round_and_offers_the_result_for_an_evaluation_run()
    {
        var starter = _bed.Services.GetRequiredService<OptimisationStarter>();
        var run = await starter.StartAsync(new EvalRunRequest(EvalTestBed.StoriesModel, IroteMethod.MethodId, new ItemFilter(),
            "{\"trait\":\"big-five:agreeableness\",\"prompts\":2,\"rounds\":2,\"candidates\":2,\"behaviours\":1,\"samples\":2,\"keep\":1,\"maxResponseTokens\":16}", 2), new TaskPromptSource.Shipped(), "curator@example.org");
        var page = _ctx.Render<OptimisationRunPage>(p => p.Add(c => c.RunId, run.Id));
        page.WaitForAssertion(() => Assert.Equal("0", page.Find("[data-testid=opt-curves]").GetAttribute("data-rounds")));
        Assert.NotNull(page.Find("[data-testid=opt-best-empty]"));

        var job = Task.Run(() => _bed.Runner.RunAsync(run.JobId, CancellationToken.None));
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=opt-curves]").GetAttribute("data-rounds")), TimeSpan.FromMinutes(2));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=opt-use-as-system-prompt]")), TimeSpan.FromMinutes(1));
        Assert.Equal(JobState.Completed, await job);
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=opt-curves]").GetAttribute("data-rounds")), TimeSpan.FromMinutes(1));

        var view = (await _bed.Services.GetRequiredService<OptimisationRunReader>().ReadAsync(run.Id))!;
        page.WaitForAssertion(() => Assert.Equal(view.Result, page.Find("[data-testid=opt-best]").TextContent), TimeSpan.FromMinutes(1));
        var artefacts = await _bed.Services.GetRequiredService<RunArtefactStore>().ListAsync(run.Id);
        var reflection = artefacts.Single(a => a.Name == "reflection");
        page.WaitForAssertion(() => Assert.Equal($"/runs/new?systemPromptFrom={reflection.Id}", page.Find("[data-testid=opt-use-as-system-prompt]").GetAttribute("href")), TimeSpan.FromMinutes(1));
        Assert.Equal(RunArtefactPaths.Download(run.Id, "optimisation"), page.Find("[data-testid=opt-export]").GetAttribute("href"));
        Assert.Equal(2, page.FindAll("[data-testid=opt-round]").Count);
        Assert.Contains(page.FindAll("[data-testid=opt-candidates] tr[data-kept=yes]"), r => r.TextContent.Contains(view.Result!, StringComparison.Ordinal));
        Assert.Contains("2 of 2 round(s) finished", page.Find("[data-testid=opt-phase]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_picaco_round_shows_both_pools_with_a_score_per_value_and_the_winning_candidate()
    {
        var starter = _bed.Services.GetRequiredService<OptimisationStarter>();
        var run = await starter.StartAsync(new EvalRunRequest(EvalTestBed.StoriesModel, PicacoMethod.MethodId, new ItemFilter(), StoriesOptimisationRunTests.SmallPicaco.Replace("\"rounds\":2", "\"rounds\":1", StringComparison.Ordinal), 3),
            new TaskPromptSource.Shipped(), "curator@example.org");
        Assert.Equal(JobState.Completed, await _bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        var page = _ctx.Render<OptimisationRunPage>(p => p.Add(c => c.RunId, run.Id));

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=opt-curves]").GetAttribute("data-rounds")));
        Assert.Equal("Objective J(e)|Alignment|Parroting", page.Find("[data-testid=opt-curves]").GetAttribute("data-series"));
        var pool = page.FindAll("[data-testid=opt-pool]")[0];
        Assert.Equal(["Pool", "Response", "Tradition", "Conformity: rules", "Benevolence: caring", "Humility", "Parroting", "Score"], pool.QuerySelectorAll("th").Select(h => h.TextContent.Trim()));
        Assert.Contains(pool.QuerySelectorAll("tr"), r => r.GetAttribute("data-pool") == "aligned");
        Assert.Contains(pool.QuerySelectorAll("tr"), r => r.GetAttribute("data-pool") == "noisy");
        Assert.Single(page.FindAll("[data-testid=opt-candidates] tr[data-winner=yes]"));

        // Did it work? One click starts the held-out comparison run and links to it.
        page.Find("[data-testid=opt-check-start]").Click();
        page.WaitForAssertion(() => Assert.Matches(@"^/runs/\d+$", page.Find("[data-testid=opt-check-link]").GetAttribute("href")));
        Assert.Contains((await _bed.Runs.ListAsync()).Select(r => r.Run.Method), m => m == ValueAlign.Core.Methods.Picaco.Conformity.ConformityMethod.MethodId);

        // One click: the New run form opens with the instruction as its system prompt.
        var link = page.Find("[data-testid=opt-use-as-system-prompt]").GetAttribute("href")!;
        _ctx.Services.GetRequiredService<BunitNavigationManager>().NavigateTo(link);
        var form = _ctx.Render<ValueAlign.Web.Components.Pages.Runs.NewRunPage>();
        var instruction = (await _bed.Services.GetRequiredService<OptimisationRunReader>().ReadAsync(run.Id))!.Result;
        form.WaitForAssertion(() => Assert.Equal(instruction, form.Find("textarea[data-testid=run-system-prompt], [data-testid=run-system-prompt] textarea").GetAttribute("value") ?? form.Find("[data-testid=run-system-prompt] textarea").TextContent));
        Assert.Contains($"artefact of run {run.Id}", form.Markup, StringComparison.Ordinal);
    }

    /// <summary>Opens the MudSelect labelled <paramref name="label"/> and clicks the item whose text starts with <paramref name="text"/>.</summary>
    private void Choose(IRenderedComponent<OptimisePage> page, string label, string text)
    {
        page.FindAll("div.mud-input-control").First(c => c.QuerySelector("label")?.TextContent.Trim() == label)
            .QuerySelector("div.mud-input-control-input-container, .mud-select-input, .mud-input")!.MouseDown();
        _popovers.WaitForAssertion(() => Assert.Contains(_popovers.FindAll(".mud-list-item"), i => i.TextContent.Trim().StartsWith(text, StringComparison.Ordinal)));
        _popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim().StartsWith(text, StringComparison.Ordinal)).Click();
        _popovers.WaitForAssertion(() => Assert.Empty(_popovers.FindAll(".mud-list-item")));
    }
}
