using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Jobs;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Evaluation.Pausing;
using ValueAlign.Web.Components.Pages.Runs;

namespace ValueAlign.Tests.Web.Runs;

/// <summary>A run paused because its model was unloaded, as the runs list and the run page show it (real engine and stories260K).</summary>
public sealed class WaitingForModelRunsTests : IAsyncLifetime
{
    private EvalTestBed _bed = default!;
    private BunitContext _ctx = default!;
    private EvalRun _run = default!;

    public async Task InitializeAsync()
    {
        var method = new UnloadingMethod(new ScriptedMethod());
        _bed = await EvalTestBed.CreateAsync(method);
        await _bed.ImportCultureItemsAsync([EvalTestBed.CultureRow("jp-1"), EvalTestBed.CultureRow("jp-2")]);
        var host = _bed.Services.GetRequiredService<ModelHost>();
        method.UnloadAtExecution = 1;
        method.Unload = () => host.UnloadAsync();
        _run = await _bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "unloading", new ItemFilter { Benchmark = "test-culture" }, "{}", 1, "paused run"), "curator@example.org");
        Assert.Equal(JobState.WaitingForModel, await _bed.Runner.RunAsync(_run.JobId, CancellationToken.None));

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

    [Fact]
    public async Task The_runs_list_says_waiting_for_model_with_the_reason_and_resume_queues_the_run()
    {
        SignIn(Roles.Curator);

        var page = _ctx.Render<RunsPage>();

        page.WaitForAssertion(() => Assert.Equal("waiting for model", page.Find("[data-testid=progress-state]").TextContent));
        Assert.StartsWith("Waiting for model stories260K.gguf (", page.Find("[data-testid=progress-waiting]").TextContent);
        page.Find("[data-testid=resume-run]").Click();

        page.WaitForAssertion(() => Assert.StartsWith("queued", page.Find("[data-testid=progress-state]").TextContent));
        Assert.Equal(JobState.Queued, (await _bed.Queue.GetAsync(_run.JobId!.Value))!.State);
    }

    [Fact]
    public void The_run_page_shows_the_waiting_state_and_a_viewer_gets_no_resume_button()
    {
        SignIn(Roles.Viewer);

        var page = _ctx.Render<RunPage>(p => p.Add(c => c.RunId, _run.Id));

        page.WaitForAssertion(() => Assert.Equal("waiting for model", page.Find("[data-testid=progress-state]").TextContent));
        Assert.Contains("Loading it again resumes the run", page.Find("[data-testid=progress-waiting]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=resume-run]"));
    }
}
