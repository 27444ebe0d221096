using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Data;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Inference.OpenAi;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.OpenAi;

/// <summary>The workbench's served /v1 on stories260K over loopback, shared by the server administration tests.</summary>
public sealed class LoopbackServerFixture : IAsyncLifetime
{
    public ServedApiHost Host { get; private set; } = default!;

    public async Task InitializeAsync() => Host = await ServedApiHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// Servers an Admin adds on the Models page, over a real SQLite file, tested and used against the
/// workbench's own /v1 over loopback: roles re-checked in the service, validation, the merge with
/// configured servers, keys only by variable name, and the stored server selectable as a model.
/// </summary>
public sealed class ServerAdministrationTests(LoopbackServerFixture loopback) : IClassFixture<LoopbackServerFixture>, IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly string _keyVariable = "VALUEALIGN_TEST_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private ServiceProvider _services = default!;
    private ServerDirectory _directory = default!;
    private ServerAdministration _servers = default!;

    private static readonly ClaimsPrincipal Admin = User(Roles.Admin);

    private ServedApiHost Served => loopback.Host;

    public async Task InitializeAsync()
    {
        _services = WorkbenchServices.ForSqliteFile(_temp.File("servers.db"));
        await _services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var options = new OpenAiBackendOptions { Servers = [new ConfiguredServer { Name = "configured-box", BaseUrl = "http://127.0.0.1:9/v1", ApiKey = "inline-secret-not-shown" }] };
        _directory = new ServerDirectory(options, _services.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>());
        _servers = new ServerAdministration(_directory, _services.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>(), TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_keyVariable, null);
        await _services.DisposeAsync();
        _temp.Dispose();
    }

    private static ClaimsPrincipal User(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, role.ToLowerInvariant() + "@example.org"), new Claim(ClaimTypes.Role, role)], "cookie"));

    private ServerForm Loopback(string? keyVariable = null) => new()
    {
        Name = "loopback",
        BaseUrl = Served.V1.ToString(),
        Models = "stories260K",
        ApiKeyVariable = keyVariable ?? _keyVariable,
        MaxInFlight = 8,
        TimeoutSeconds = 60,
    };

    [Theory]
    [InlineData(Roles.Curator)]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Annotator)]
    public async Task Only_an_admin_may_list_add_test_change_or_remove_servers(string role)
    {
        var user = User(role);
        await Assert.ThrowsAsync<WorkbenchAccessDeniedException>(() => _servers.ListAsync(user));
        await Assert.ThrowsAsync<WorkbenchAccessDeniedException>(() => _servers.AddAsync(user, Loopback()));
        await Assert.ThrowsAsync<WorkbenchAccessDeniedException>(() => _servers.TestAsync(user, Loopback()));
        var added = await _servers.AddAsync(Admin, Loopback());
        await Assert.ThrowsAsync<WorkbenchAccessDeniedException>(() => _servers.UpdateAsync(user, added.Saved!.Id!.Value, Loopback()));
        await Assert.ThrowsAsync<WorkbenchAccessDeniedException>(() => _servers.RemoveAsync(user, added.Saved!.Id!.Value));
        Assert.Equal(2, (await _servers.ListAsync(Admin)).Count);
    }

    [Fact]
    public async Task Bad_fields_are_refused_field_by_field_and_nothing_is_saved()
    {
        var form = new ServerForm
        {
            Name = "gpu box!",
            BaseUrl = "http://user:password@gpu-box:8000/v1",
            Models = " , ",
            ApiKeyVariable = "sk-live-4f9a8b7c6d5e4f3a2b1c",
            MaxInFlight = 0,
            TimeoutSeconds = 0,
        };
        var result = await _servers.AddAsync(Admin, form);
        Assert.False(result.Succeeded);
        Assert.Equal(
            [nameof(ServerForm.Name), nameof(ServerForm.BaseUrl), nameof(ServerForm.Models), nameof(ServerForm.ApiKeyVariable), nameof(ServerForm.MaxInFlight), nameof(ServerForm.TimeoutSeconds)],
            result.Problems.Select(p => p.Field));
        Assert.Contains("no user name or password", result.Problems[1].Message);
        Assert.Contains("NAME of the environment variable", result.Problems[3].Message);
        Assert.DoesNotContain(result.Problems, p => p.Message.Contains("4f9a8b7c", StringComparison.Ordinal));

        // A key pasted into the variable field, even one that is a valid identifier, is refused.
        Assert.NotNull(ServerForm.KeyVariableProblem("Ab3dE5gH7jK9mN1pQ3sT5vX7"));
        Assert.Null(ServerForm.KeyVariableProblem("OPENAI_API_KEY"));

        var clash = await _servers.AddAsync(Admin, new ServerForm { Name = "Configured-Box", BaseUrl = "http://gpu-box:8000/v1", Models = "m" });
        Assert.Contains("server of the configuration", Assert.Single(clash.Problems).Message);
        Assert.Single(await _servers.ListAsync(Admin));
    }

    [Fact]
    public async Task Added_servers_are_listed_after_the_configured_ones_can_be_changed_and_removed_and_names_stay_unique()
    {
        Environment.SetEnvironmentVariable(_keyVariable, Served.ApiKey);
        var added = await _servers.AddAsync(Admin, Loopback());
        Assert.True(added.Succeeded, string.Join("; ", added.Problems));
        var list = await _servers.ListAsync(Admin);
        Assert.Equal(["configured-box", "loopback"], list.Select(s => s.Name));
        Assert.False(list[0].Editable);
        Assert.Equal(ApiKeySource.Configuration, list[0].KeySource);
        Assert.Equal(ApiKeySource.VariableSet, list[1].KeySource);
        Assert.Equal($"from {_keyVariable}", list[1].KeyDescription);
        Assert.Equal(["stories260K"], list[1].Models);

        Assert.Contains("exists already", Assert.Single((await _servers.AddAsync(Admin, Loopback())).Problems).Message);

        var id = added.Saved!.Id!.Value;
        var form = (await _servers.FormAsync(Admin, id))!;
        form.Models = "stories260K, other-model";
        form.MaxInFlight = 2;
        form.ApiKeyVariable = "NO_SUCH_VARIABLE_FOR_THIS_TEST";
        Assert.True((await _servers.UpdateAsync(Admin, id, form)).Succeeded);
        var changed = (await _servers.ListAsync(Admin))[1];
        Assert.Equal(["stories260K", "other-model"], changed.Models);
        Assert.Equal(2, changed.MaxInFlight);
        Assert.Equal(ApiKeySource.VariableMissing, changed.KeySource);

        Assert.True(await _servers.RemoveAsync(Admin, id));
        Assert.False(await _servers.RemoveAsync(Admin, id));
        Assert.Equal(["configured-box"], (await _servers.ListAsync(Admin)).Select(s => s.Name));
    }

    [Fact]
    public async Task Test_connection_lists_the_served_models_with_the_key_from_the_variable_and_says_clearly_what_went_wrong()
    {
        Environment.SetEnvironmentVariable(_keyVariable, Served.ApiKey);
        var ok = await _servers.TestAsync(Admin, Loopback());
        Assert.True(ok.Succeeded, ok.Message);
        Assert.Contains("stories260K", ok.ServerModels);
        Assert.Equal($"Sent the key from {_keyVariable}.", ok.KeyNote);

        var wrongModel = await _servers.TestAsync(Admin, new ServerForm { BaseUrl = Served.V1.ToString(), Models = "llama-70b", ApiKeyVariable = _keyVariable });
        Assert.False(wrongModel.Succeeded);
        Assert.Equal(["llama-70b"], wrongModel.MissingModels);
        Assert.Contains("does not list llama-70b", wrongModel.Message);

        var noKey = await _servers.TestAsync(Admin, Loopback("NO_SUCH_VARIABLE_FOR_THIS_TEST"));
        Assert.False(noKey.Succeeded);
        Assert.Contains("401", noKey.Message);
        Assert.Contains("Check the key in NO_SUCH_VARIABLE_FOR_THIS_TEST", noKey.Message);
        Assert.Contains("is not set in the workbench's environment", noKey.KeyNote);

        var down = await _servers.TestAsync(Admin, new ServerForm { Name = "down", BaseUrl = "http://127.0.0.1:9/v1", Models = "m" });
        Assert.False(down.Succeeded);
        Assert.StartsWith("down: models:", down.Message);
        Assert.Empty(down.ServerModels);

        var configured = await _servers.TestAsync(Admin, "configured-box");
        Assert.False(configured.Succeeded);
        Assert.Equal("Sent the key from configuration.", configured.KeyNote);
        Assert.DoesNotContain("inline-secret-not-shown", configured.Message + configured.KeyNote);
    }

    [Fact]
    public async Task A_stored_server_is_offered_in_the_pickers_and_resolves_and_scores_like_in_process_and_its_key_is_stored_nowhere()
    {
        Environment.SetEnvironmentVariable(_keyVariable, Served.ApiKey);
        Assert.True((await _servers.AddAsync(Admin, Loopback())).Succeeded);
        await using var backend = new OpenAiModelBackend(_directory);
        var backends = new ModelBackends([backend]);

        // The configured server is down: its problem is reported and the stored server is still offered.
        var list = await backends.ListAsync();
        Assert.Equal([ModelChoice.Server("loopback", "stories260K")], list.Choices);
        Assert.Contains(list.Problems, p => p.StartsWith("openai: configured-box", StringComparison.Ordinal));

        var choice = ModelChoice.Parse("stories260K @ loopback");
        var resolved = await backends.ResolveAsync(choice);
        Assert.StartsWith("sha256:", resolved.Ref.Fingerprint);
        Assert.True(resolved.Capabilities.HasFlag(ModelCapabilities.ContinuationLogLikelihood));
        var model = await backends.AcquireAsync(choice, resolved.Ref);
        var local = await Served.Host.RequireModel().ScoreContinuationAsync("Once upon a time", "there was");
        Assert.Equal(local.Sum, (await model.ScoreContinuationAsync("Once upon a time", "there was")).Sum, 1e-3);

        // By URL too: the stored server's settings (and key variable) apply.
        Assert.Equal(resolved.Ref.Fingerprint, (await backends.ResolveAsync(ModelChoice.Server(Served.V1.ToString(), "stories260K"))).Ref.Fingerprint);

        await using var db = await _services.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>().CreateDbContextAsync();
        var row = await db.Set<ServerBackend>().SingleAsync();
        Assert.Equal(_keyVariable, row.ApiKeyVariable);
        foreach (var text in new[] { row.Name, row.BaseUrl, row.Model, row.ApiKeyVariable, row.CreatedBy, resolved.Ref.Canonical, resolved.Ref.Display })
            Assert.DoesNotContain(Served.ApiKey, text);
        Assert.DoesNotContain(Served.ApiKey, string.Join(" ", (await _servers.ListAsync(Admin)).Select(s => s.ToString())));
    }
}
