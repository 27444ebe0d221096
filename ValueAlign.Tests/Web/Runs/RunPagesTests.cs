using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Evaluation.Artefacts;
using ValueAlign.Web.Components.Pages.Runs;

using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Web.Runs;

/// <summary>The runs list, the progress display and the run page over the real engine (SQLite, queue, stories260K).</summary>
public sealed class RunPagesTests : IAsyncLifetime
{
    private readonly ScriptedMethod _method = new();
    private EvalTestBed _bed = default!;
    private BunitContext _ctx = default!;

    public async Task InitializeAsync()
    {
        _bed = await EvalTestBed.CreateAsync(_method, new ArtefactProducingMethod());
        await _bed.ImportCultureItemsAsync([
            EvalTestBed.CultureRow("jp-1"), EvalTestBed.CultureRow("jp-broken"), EvalTestBed.CultureRow("in-1", country: "India")]);
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        _ctx = new BunitContext();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(_bed.Runs);
        _ctx.Services.AddSingleton(_bed.Queue);
        _ctx.Services.AddSingleton(new RunControl(_bed.Runs));
        _ctx.Services.AddSingleton(_bed.Services.GetRequiredService<RunArtefactStore>());
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        await _bed.DisposeAsync();
    }

    private void SignIn(string role)
    {
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized($"{role.ToLowerInvariant()}@example.org");
        auth.SetWorkbenchRoles(role);
        _ctx.Render<MudBlazor.MudPopoverProvider>();
    }

    private Task<EvalRun> CreateRunAsync() =>
        _bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "scripted", new ItemFilter { Benchmark = "test-culture" }, "{}", 1, "page test"), "curator@example.org");

    [Fact]
    public void Progress_shows_bar_count_rate_and_time_left_from_a_snapshot()
    {
        var snapshot = new JobSnapshot(7, "eval-run", "Run 1", JobState.Running, 30, 120, "item-29", null, 1, "curator", DateTime.UtcNow, DateTime.UtcNow, null, 12.5, TimeSpan.FromSeconds(7.2));

        var progress = _ctx.Render<RunProgress>(p => p.Add(c => c.Job, snapshot));

        Assert.Equal("30/120", progress.Find("[data-testid=progress-count]").TextContent);
        Assert.Equal("12.5 items/s", progress.Find("[data-testid=progress-rate]").TextContent);
        Assert.Equal("ETA 0:07", progress.Find("[data-testid=progress-eta]").TextContent);
        Assert.Equal("running", progress.Find("[data-testid=progress-state]").TextContent);
        Assert.Equal("25", progress.Find("[data-testid=progress-bar]").GetAttribute("aria-valuenow"));

        progress.Render(p => p.Add(c => c.Job, snapshot with { State = JobState.Failed, Error = "model missing" }));
        Assert.Empty(progress.FindAll("[data-testid=progress-eta]"));
        Assert.Equal("model missing", progress.Find("[data-testid=progress-error]").TextContent);
    }

    [Fact]
    public async Task A_curator_sees_the_queued_run_and_cancel_asks_the_queue_to_cancel_it()
    {
        var run = await CreateRunAsync();
        SignIn(Roles.Curator);

        var page = _ctx.Render<RunsPage>();

        page.WaitForAssertion(() => Assert.Contains("page test", page.Find("[data-testid=run-link]").TextContent));
        Assert.Equal("queued", page.Find("[data-testid=progress-state]").TextContent);
        Assert.NotNull(page.Find("[data-testid=new-run]"));
        page.Find("[data-testid=cancel-run]").Click();

        page.WaitForAssertion(() => Assert.Equal("cancelled", page.Find("[data-testid=progress-state]").TextContent));
        Assert.Equal(JobState.Cancelled, (await _bed.Queue.GetAsync(run.JobId!.Value))!.State);
        Assert.NotNull(page.Find("[data-testid=resume-run]"));
    }

    [Fact]
    public async Task The_list_follows_a_run_live_to_completion()
    {
        var run = await CreateRunAsync();
        SignIn(Roles.Viewer);
        var page = _ctx.Render<RunsPage>();
        page.WaitForAssertion(() => Assert.Equal("queued", page.Find("[data-testid=progress-state]").TextContent));

        Assert.Equal(JobState.Completed, await _bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        page.WaitForAssertion(() => Assert.Equal("completed", page.Find("[data-testid=progress-state]").TextContent));
        Assert.Equal("3/3", page.Find("[data-testid=progress-count]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=new-run]")); // viewers do not start runs
        Assert.Empty(page.FindAll("[data-testid=cancel-run], [data-testid=resume-run]"));
    }

    [Fact]
    public async Task The_run_page_names_the_projector_that_showed_the_images()
    {
        var run = await CreateRunAsync();
        await using (var db = _bed.OpenDb())
        {
            await db.EvalRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.ImagesSeen, true).SetProperty(r => r.ProjectorFileName, "mmproj-tiny.gguf")
                .SetProperty(r => r.ProjectorSha256, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
        }
        SignIn(Roles.Viewer);

        var page = _ctx.Render<RunPage>(p => p.Add(c => c.RunId, run.Id));

        page.WaitForAssertion(() => Assert.Equal("mmproj-tiny.gguf (0123456789ab)", page.Find("[data-testid=config-projector]").TextContent));
    }

    [Fact]
    public async Task The_run_page_shows_configuration_metrics_and_filters_item_results()
    {
        var run = await CreateRunAsync();
        await _bed.Runner.RunAsync(run.JobId, CancellationToken.None);
        SignIn(Roles.Viewer);

        var page = _ctx.Render<RunPage>(p => p.Add(c => c.RunId, run.Id));

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-result-item]").Count));
        Assert.Equal(run.ConfigHash, page.Find("[data-testid=config-hash]").TextContent);
        Assert.Equal(run.ModelSha256, page.Find("[data-testid=config-model-hash]").TextContent);
        Assert.Equal("1", page.Find("[data-testid=config-seed]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=text-only]"));
        Assert.Equal("text", page.Find("[data-testid=model-input]").TextContent);
        Assert.Contains("3", page.Find("[data-metric=units]").TextContent);

        // Outcome filtering is covered at the service (EvalRunEngineTests); here the text filter goes to the server.
        page.InputFresh("input[data-testid=results-search], [data-testid=results-search] input", "broken");
        page.WaitForAssertion(() => Assert.Equal(["jp-broken"], page.FindAll("[data-result-item]").Select(td => td.TextContent.Trim())));
        Assert.Equal("error", page.Find("[data-testid=result-outcome]").TextContent.Trim());
        page.ClickFresh("[data-testid=expand-result]");
        page.WaitForAssertion(() => Assert.Contains("item jp-broken is broken", page.Markup));

        page.InputFresh("input[data-testid=results-search], [data-testid=results-search] input", "in-1");
        page.WaitForAssertion(() => Assert.Equal(["in-1"], page.FindAll("[data-result-item]").Select(td => td.TextContent.Trim())));
        page.ClickFresh("[data-testid=expand-result]");
        page.WaitForAssertion(() => Assert.Contains("Q: Question in-1", page.Markup));
    }

    [Fact]
    public async Task The_header_of_a_run_over_image_items_states_that_the_model_saw_text_only()
    {
        await _bed.ImportCultureItemsAsync([EvalTestBed.CultureRow("jp-image", modality: "image")], benchmark: "test-culture-image");
        var run = await _bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "scripted", new ItemFilter { Benchmark = "test-culture-image" }, "{}", 1, "image run"), "curator@example.org");
        SignIn(Roles.Viewer);

        var page = _ctx.Render<RunPage>(p => p.Add(c => c.RunId, run.Id));

        page.WaitForAssertion(() => Assert.Equal("text only: images and audio were not shown to the model", page.Find("[data-testid=text-only]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=model-input]"));
    }

    [Fact]
    public async Task The_runs_list_filters_by_the_kind_in_the_address()
    {
        var evaluation = await CreateRunAsync();
        var optimisation = await _bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "artefacts", new ItemFilter { Benchmark = "test-culture" }, "{}", 1, "optimiser"), "curator@example.org");
        SignIn(Roles.Viewer);
        var navigation = _ctx.Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();

        navigation.NavigateTo("/runs?kind=optimisation");
        var page = _ctx.Render<RunsPage>();
        page.WaitForAssertion(() => Assert.Equal(["Optimisation"], page.FindAll("[data-testid=run-kind]").Select(td => td.TextContent)));
        Assert.Contains($"#{optimisation.Id}", page.Find("[data-testid=run-link]").TextContent);

        page.Find("[data-kind=Generation]").Click();
        Assert.EndsWith("/runs?kind=Generation", navigation.Uri);
        navigation.NavigateTo("/runs?kind=Generation");
        page.Render();
        page.WaitForAssertion(() => Assert.Equal("No generation runs yet.", page.Find("[data-testid=no-runs]").TextContent));

        navigation.NavigateTo("/runs");
        page.Render();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=run-kind]").Count));
        Assert.Contains($"#{evaluation.Id}", page.FindAll("[data-testid=run-link]")[1].TextContent);
    }

    [Fact]
    public async Task The_run_page_lists_the_artefacts_with_download_links_once_the_run_finishes()
    {
        var run = await _bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "artefacts", new ItemFilter { Benchmark = "test-culture" }, "{}", 1, "optimiser"), "curator@example.org");
        SignIn(Roles.Viewer);
        var page = _ctx.Render<RunPage>(p => p.Add(c => c.RunId, run.Id));
        page.WaitForAssertion(() => Assert.Equal("Optimisation", page.Find("[data-testid=config-kind]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=run-artefacts]"));

        Assert.Equal(JobState.Completed, await _bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-artefact]").Count));
        var links = page.FindAll("[data-testid=artefact-download]");
        Assert.Equal([$"/runs/{run.Id}/artefacts/candidates", $"/runs/{run.Id}/artefacts/instruction"], links.Select(a => a.GetAttribute("href")));
        Assert.All(links, a => Assert.True(a.HasAttribute("download")));
        Assert.Equal("instruction.txt", links[1].TextContent);
    }

    [Theory]
    [InlineData(true, true, "text only: images and audio were not shown to the model")]
    [InlineData(false, true, "text + image")]
    [InlineData(false, false, "text")]
    public void Run_input_says_what_the_model_saw(bool textOnly, bool itemsHaveMedia, string expected) =>
        Assert.Equal(expected, RunInput.Describe(textOnly, itemsHaveMedia));
}
