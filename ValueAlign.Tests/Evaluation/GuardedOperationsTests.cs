using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Jobs;

namespace ValueAlign.Tests.Evaluation;

/// <summary>Run cancel/resume and model load/unload/use check the caller's policy in the service, whatever the page shows.</summary>
public sealed class GuardedOperationsTests : IAsyncLifetime
{
    private readonly ScriptedMethod _method = new();
    private EvalTestBed _bed = default!;

    private static ClaimsPrincipal User(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"{role}@example.org"), new Claim(ClaimTypes.Role, role)], "cookie"));

    public async Task InitializeAsync()
    {
        _bed = await EvalTestBed.CreateAsync(_method);
        await _bed.ImportCultureItemsAsync([EvalTestBed.CultureRow("jp-1")]);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Annotator)]
    public async Task Cancel_and_resume_are_refused_in_the_service_for_roles_without_RunWrite(string role)
    {
        var run = await _bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "scripted", new ItemFilter { Benchmark = "test-culture" }, "{}", 1, "guard"), "curator@example.org");
        var control = _bed.Services.GetRequiredService<RunControl>();

        await Assert.ThrowsAsync<WorkbenchAccessDeniedException>(() => control.CancelAsync(User(role), run.Id));
        Assert.Equal(JobState.Queued, (await _bed.Queue.GetAsync(run.JobId!.Value))!.State);

        Assert.True(await control.CancelAsync(User(Roles.Curator), run.Id));
        Assert.Equal(JobState.Cancelled, (await _bed.Queue.GetAsync(run.JobId!.Value))!.State);
        await Assert.ThrowsAsync<WorkbenchAccessDeniedException>(() => control.ResumeAsync(User(role), run.Id));
        Assert.Equal(JobState.Cancelled, (await _bed.Queue.GetAsync(run.JobId!.Value))!.State);
        Assert.True(await control.ResumeAsync(User(Roles.Admin), run.Id));
    }

    [Fact]
    public async Task Model_load_unload_and_use_are_refused_in_the_service_for_roles_without_the_model_policies()
    {
        var access = _bed.Services.GetRequiredService<SharedModelAccess>();
        var host = _bed.Services.GetRequiredService<ModelHost>();

        await Assert.ThrowsAsync<WorkbenchAccessDeniedException>(() => access.LoadAsync(User(Roles.Viewer), EvalTestBed.StoriesModel));
        Assert.Equal(ModelHostStatus.Empty, host.State.Status);

        await access.LoadAsync(User(Roles.Curator), EvalTestBed.StoriesModel);
        Assert.Equal(ModelHostStatus.Ready, host.State.Status);

        Assert.Throws<WorkbenchAccessDeniedException>(() => access.RequireModel(User(Roles.Annotator)));
        Assert.NotNull(access.RequireModel(User(Roles.Curator)));

        await Assert.ThrowsAsync<WorkbenchAccessDeniedException>(() => access.UnloadAsync(User(Roles.Annotator)));
        Assert.Equal(ModelHostStatus.Ready, host.State.Status);
        await access.UnloadAsync(User(Roles.Admin));
        Assert.Equal(ModelHostStatus.Empty, host.State.Status);
    }
}
