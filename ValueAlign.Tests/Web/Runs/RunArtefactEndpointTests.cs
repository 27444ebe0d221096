using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Tests.Dashboards;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Web.Runs;

/// <summary><c>GET /runs/{run}/artefacts/{name}</c> over real HTTP against the running workbench.</summary>
public sealed class RunArtefactEndpointTests(WorkbenchServerFixture fixture) : IClassFixture<WorkbenchServerFixture>, IAsyncLifetime
{
    private const string Password = "artefact-password";
    private ServiceProvider _services = default!;
    private long _runId;

    private WorkbenchServer Server => fixture.Server;

    public async Task InitializeAsync()
    {
        _services = WorkbenchServices.ForSqliteFile(Server.DatabasePath);
        foreach (var role in new[] { Roles.Viewer, Roles.Annotator })
            await _services.AddUserAsync($"{role.ToLowerInvariant()}-artefacts@example.org", Password, role);
        var factory = _services.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>();
        _runId = (await SampleRuns.InsertAsync(factory, "optimiser run")).Id;
        await new RunArtefactStore(factory, TimeProvider.System).SaveAsync(_runId, RunArtefactDraft.Text("instruction", "Weigh every culture equally. é"));
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var client = Server.CreateClient();
        await WorkbenchSession.SignInAsync(client, $"{role.ToLowerInvariant()}-artefacts@example.org", Password);
        return client;
    }

    [Fact]
    public async Task A_viewer_downloads_the_artefact_with_its_type_and_file_name()
    {
        using var client = await SignedInAsync(Roles.Viewer);

        var response = await client.GetAsync($"/runs/{_runId}/artefacts/instruction");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("instruction.txt", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Equal("Weigh every culture equally. é", await response.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task An_unknown_artefact_or_run_is_not_found()
    {
        using var client = await SignedInAsync(Roles.Viewer);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/runs/{_runId}/artefacts/other")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/runs/{_runId + 1000}/artefacts/instruction")).StatusCode);
    }

    [Fact]
    public async Task Annotators_are_denied_and_anonymous_visitors_sent_to_sign_in()
    {
        using var annotator = await SignedInAsync(Roles.Annotator);
        AccessAssert.ReachedOrDenied(await annotator.GetAsync($"/runs/{_runId}/artefacts/instruction"), allowed: false);

        using var anonymous = Server.CreateClient();
        var response = await anonymous.GetAsync($"/runs/{_runId}/artefacts/instruction");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }
}
