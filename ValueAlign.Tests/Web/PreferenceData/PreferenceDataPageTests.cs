using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.LongMab;
using ValueAlign.Core.Methods.LongMab.Verification;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Methods.LongMab;
using ValueAlign.Web.Components.Pages.PreferenceData;

namespace ValueAlign.Tests.Web.PreferenceData;

/// <summary>
/// The /preference-data page over the real engine (SQLite, job queue) and the HotpotQA demo items,
/// with a scripted model that can be held mid-run: the live heatmap and reward curve grow round by
/// round, the pairs appear when the run ends, and one click creates the verification project.
/// </summary>
public sealed class PreferenceDataPageTests : IAsyncLifetime
{
    private readonly LongMabLiveFeed _feed = new();
    private readonly SemaphoreSlim _release = new(0);
    private ScriptedChatModel _model = default!;
    private EvalTestBed _bed = default!;
    private BunitContext _ctx = default!;
    private volatile int _holdAtCall;
    private IRenderedComponent<MudBlazor.MudPopoverProvider> _popover = default!;

    public async Task InitializeAsync()
    {
        _model = new ScriptedChatModel
        {
            Respond = (prompt, _) =>
                prompt.StartsWith("Question:", StringComparison.Ordinal) ? "probe"
                : prompt.Contains("designed by the engineer Marta Quell") ? "Answer: Marta Quell"
                : prompt.Contains("orchards of Harlow Vale") ? "Answer: Harlow Vale"
                : "Answer: I cannot tell",
            Embed = text => [text.Contains("Kerrow") ? 1 : 0.1f, text.Contains("Harlow") ? 1 : 0.1f, text.Length % 7 / 7f + 0.05f],
            Gate = async (call, ct) =>
            {
                if (call == _holdAtCall)
                    await _release.WaitAsync(ct);
            },
        };
        // One unit at a time: the test holds the model at its Nth call, which must be the first item's.
        _bed = await EvalTestBed.CreateWithEngineAsync(new RunEngineOptions { UnitsInFlight = 1 }, null, new ModelSwappingMethod(new LongMabMethod(_feed), _model));
        await _bed.ImportDemoFileAsync("hotpotqa-demo.json");
        var factory = _bed.Services.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>();
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(30);
        _ctx = new BunitContext();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(_bed.Runs);
        _ctx.Services.AddSingleton(_bed.Queue);
        _ctx.Services.AddSingleton(new RunControl(_bed.Runs));
        _ctx.Services.AddSingleton(_bed.Services.GetRequiredService<Core.Inference.ModelLibrary>());
        _ctx.Services.AddSingleton(_bed.Services.GetRequiredService<BenchmarkQuery>());
        _ctx.Services.AddSingleton(_feed);
        _ctx.Services.AddSingleton(new PreferenceVerificationService(factory, _bed.Runs,
            new VerificationProjectService(factory, TimeProvider.System), new ProjectMembershipService(factory, TimeProvider.System), TimeProvider.System));
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized("curator@example.org");
        auth.SetWorkbenchRoles(Roles.Curator);
        _popover = _ctx.Render<MudBlazor.MudPopoverProvider>();
    }

    public async Task DisposeAsync()
    {
        _release.Release(100);
        await _ctx.DisposeAsync();
        await _bed.DisposeAsync();
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<PreferenceDataPage> page, string testId) =>
        page.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    private IRenderedComponent<PreferenceDataPage> Open(long? runId = null)
    {
        if (runId is { } id)
            _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/preference-data?run={id}");
        return _ctx.Render<PreferenceDataPage>();
    }

    [Fact]
    public async Task Generate_starts_a_longmab_run_on_the_chosen_items_with_rounds_and_chunk_size()
    {
        var page = Open();
        var popover = _popover;
        page.WaitForAssertion(() =>
        {
            page.FindAll("div.mud-input-control").First(c => c.TextContent.Contains("Long-context items"))
                .QuerySelector("div.mud-input-control-input-container, .mud-select-input, .mud-input")!.MouseDown();
            Assert.Equal(2, popover.FindAll(".mud-list-item").Count);
        });
        popover.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("demo-hotpot-orchards")).Click();
        Input(page, "pd-rounds").Change("5");
        Input(page, "pd-chunk-tokens").Change("100");
        page.Find("[data-testid=pd-generate]").Click();

        page.WaitForAssertion(() => Assert.EndsWith("/preference-data?run=1", _ctx.Services.GetRequiredService<NavigationManager>().Uri));
        var run = (await _bed.Runs.GetAsync(1))!;
        Assert.Equal(LongMabMethod.MethodId, run.Method);
        Assert.Equal(1, run.UnitCount);
        Assert.Contains("\"rounds\":5", run.ParametersJson);
        Assert.Contains("\"chunkTokens\":100", run.ParametersJson);
        Assert.Contains("\"items\":[\"hotpotqa/demo-hotpot-orchards\"]", run.ParametersJson);
    }

    [Fact]
    public async Task A_running_item_shows_live_rounds_then_the_pairs_and_one_click_verification()
    {
        var run = await _bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, LongMabMethod.MethodId,
            new ItemFilter { Kind = ItemKind.LongContextQa },
            """{"rounds":6,"chunksPerRound":2,"chunkTokens":120,"overlapSentences":1,"items":["hotpotqa/demo-hotpot-lighthouse"]}""", 5), "curator");
        var page = Open(run.Id);
        Assert.NotNull(page.Find("[data-testid=pd-run]"));
        Assert.Empty(page.FindAll("[data-testid=chunk-heatmap]"));

        // Hold the item in its fourth round (calls: probe, rounds 1..3, then round 4).
        _holdAtCall = 5;
        var running = _bed.Runner.RunAsync(run.JobId, CancellationToken.None);
        page.WaitForAssertion(() => Assert.Equal("3", page.Find("[data-testid=chunk-heatmap]").GetAttribute("data-rounds")));
        Assert.Equal("3", page.Find("[data-testid=reward-curve]").GetAttribute("data-rounds"));
        Assert.Equal(3, page.FindAll("[data-testid=pd-rollout]").Count);
        Assert.Contains("(running)", page.Find("[data-testid=pd-item-view]").TextContent);
        var heatmap = page.FindComponent<ChunkSelectionHeatmap>();
        var z = (IList<object>)((Plotly.Blazor.Traces.HeatMap)heatmap.Instance.Figure.Data[0]).Z;
        Assert.Equal(int.Parse(page.Find("[data-testid=chunk-heatmap]").GetAttribute("data-chunks")!), z.Count);
        Assert.Empty(page.FindAll("[data-testid=pd-pair]"));

        _release.Release();
        Assert.Equal(JobState.Completed, await running);
        page.WaitForAssertion(() => Assert.Equal(["not sent for verification"],
            page.FindAll("[data-testid=pd-pair-status]").Select(s => s.TextContent.Trim())));
        Assert.Equal(6, page.FindAll("[data-testid=pd-rollout]").Count);
        Assert.Single(page.FindAll("[data-testid=pd-rollout][data-pair=chosen]"));
        Assert.Single(page.FindAll("[data-testid=pd-rollout][data-pair=rejected]"));
        Assert.Equal($"/runs/{run.Id}/artefacts/preference-pairs", page.Find("[data-testid=pd-download-jsonl]").GetAttribute("href"));

        page.Find("[data-testid=pd-verify]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=pd-project]")));
        var projectId = page.Find("[data-testid=pd-project]").GetAttribute("href")!.Split('/')[^1];
        Assert.Equal($"/projects/{projectId}/agreement", page.Find("[data-testid=pd-agreement]").GetAttribute("href"));
        Assert.All(page.FindAll("[data-testid=pd-pair-status]"), s => Assert.Equal("awaiting a verified label", s.TextContent.Trim()));
    }
}
