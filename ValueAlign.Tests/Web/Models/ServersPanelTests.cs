using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Data;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Backends;
using ValueAlign.Core.Inference.OpenAi;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Tests.Inference.OpenAi;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Tests.Support;
using ValueAlign.Web.Components.Pages.Models;
using ValueAlign.Web.Components.Shared;

namespace ValueAlign.Tests.Web.Models;

/// <summary>
/// The Servers tab of the Models page over a real SQLite file, testing against the workbench's
/// own /v1 over loopback: an Admin adds, tests, changes and removes a server; its model then
/// appears in the model and judge pickers; other roles see no tab.
/// </summary>
public sealed class ServersPanelTests(LoopbackServerFixture loopback) : IClassFixture<LoopbackServerFixture>, IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly string _keyVariable = "VALUEALIGN_PANEL_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private ServiceProvider _services = default!;
    private ServerDirectory _directory = default!;
    private ModelHost _host = default!;
    private BunitContext _ctx = default!;

    public async Task InitializeAsync()
    {
        _services = WorkbenchServices.ForSqliteFile(_temp.File("panel.db"));
        await _services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var factory = _services.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>();
        _directory = new ServerDirectory(new OpenAiBackendOptions(), factory);
        _host = new ModelHost(StoriesModelFixture.Options, NullLogger<ModelHost>.Instance);
        var registry = new ModelRegistry(_temp.Path);
        _ctx = new BunitContext();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(_host);
        _ctx.Services.AddSingleton(registry);
        _ctx.Services.AddSingleton<ModelLibrary>();
        _ctx.Services.AddSingleton<SharedModelAccess>();
        _ctx.Services.AddSingleton(new ServerAdministration(_directory, factory, TimeProvider.System));
        _ctx.Services.AddSingleton(new ModelBackends([new LocalModelBackend(registry, _host), new OpenAiModelBackend(_directory)]));
        Environment.SetEnvironmentVariable(_keyVariable, loopback.Host.ApiKey);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_keyVariable, null);
        await _ctx.DisposeAsync();
        await _host.DisposeAsync();
        await _services.DisposeAsync();
        _temp.Dispose();
    }

    private void SignIn(string role)
    {
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized($"{role.ToLowerInvariant()}@example.org");
        auth.SetWorkbenchRoles(role);
    }

    private static void Type(IRenderedComponent<ServersPanel> panel, string testId, string value) =>
        panel.Find($"[data-testid={testId}] input, input[data-testid={testId}]").Change(value);

    [Fact]
    public async Task An_admin_tests_adds_changes_and_removes_a_server_and_its_model_is_offered_in_the_pickers()
    {
        SignIn(Roles.Admin);
        var panel = _ctx.Render<ServersPanel>();
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=no-servers]")));

        Type(panel, "server-name", "loopback");
        Type(panel, "server-url", loopback.Host.V1.ToString());
        Type(panel, "server-key-variable", _keyVariable);
        await panel.Find("[data-testid=test-connection]").ClickAsync(new());
        panel.WaitForAssertion(() => Assert.Contains("Connected: the server lists", panel.Find("[data-testid=server-test-message]").TextContent));
        Assert.Contains($"Sent the key from {_keyVariable}.", panel.Find("[data-testid=server-test-key]").TextContent);
        Assert.DoesNotContain(loopback.Host.ApiKey, panel.Markup);

        // Clicking a listed model puts it in the form.
        await panel.Find("[data-testid=server-test-models] [data-model-id=stories260K]").ClickAsync(new());
        panel.WaitForAssertion(() => Assert.Equal("stories260K", panel.Find("[data-testid=server-models] input, input[data-testid=server-models]").GetAttribute("value")));
        await panel.Find("[data-testid=save-server]").ClickAsync(new());
        panel.WaitForAssertion(() => Assert.Contains("Added loopback", panel.Find("[data-testid=server-saved]").TextContent));
        var row = panel.Find("tr[data-server=loopback]");
        Assert.Contains("stories260K", row.TextContent);
        Assert.Equal($"from {_keyVariable}", row.QuerySelector("[data-testid=server-key]")!.TextContent);

        // The stored server's model is in the model and judge pickers (as on /runs/new).
        var popovers = _ctx.Render<MudBlazor.MudPopoverProvider>();
        var picker = _ctx.Render<ModelChoiceSelect>(p => p.Add(s => s.Label, "Judge").Add(s => s.AllowSelf, true).Add(s => s.TestId, "run-judge"));
        await picker.Find("div.mud-input-control").MouseDownAsync(new());
        picker.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-list-item"), i => i.TextContent.Contains("stories260K @ loopback")));

        await row.QuerySelector("[data-testid=edit-server]")!.ClickAsync(new());
        panel.WaitForAssertion(() => Assert.Equal("Change loopback", panel.Find("[data-testid=server-form-title]").TextContent));
        Type(panel, "server-models", "stories260K, second-model");
        await panel.Find("[data-testid=save-server]").ClickAsync(new());
        panel.WaitForAssertion(() => Assert.Contains("second-model", panel.Find("tr[data-server=loopback]").TextContent));

        await panel.Find("tr[data-server=loopback] [data-testid=test-server]").ClickAsync(new());
        panel.WaitForAssertion(() => Assert.Contains("does not list second-model", panel.Find("[data-testid=listed-server-test-message]").TextContent));

        await panel.Find("tr[data-server=loopback] [data-testid=remove-server]").ClickAsync(new());
        await panel.Find("tr[data-server=loopback] [data-testid=confirm-remove-server]").ClickAsync(new());
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=no-servers]")));
        Assert.Empty(await _directory.ListAsync());
    }

    [Fact]
    public async Task Bad_fields_are_shown_next_to_the_fields_and_nothing_is_added()
    {
        SignIn(Roles.Admin);
        var panel = _ctx.Render<ServersPanel>();
        Type(panel, "server-name", "gpu box");
        Type(panel, "server-url", "ftp://gpu-box/v1");
        Type(panel, "server-key-variable", "sk-live-abcdef");
        await panel.Find("[data-testid=save-server]").ClickAsync(new());
        panel.WaitForAssertion(() => Assert.Contains("starting with http:// or https://", panel.Markup));
        Assert.Contains("Give a short name", panel.Markup);
        Assert.Contains("Name at least one model id", panel.Markup);
        Assert.Contains("not the key itself", panel.Markup);
        Assert.Empty(await _directory.ListAsync());

        await panel.Find("[data-testid=test-connection]").ClickAsync(new());
        panel.WaitForAssertion(() => Assert.Contains("starting with http:// or https://", panel.Find("[data-testid=server-test-message]").TextContent));
    }

    [Theory]
    [InlineData(Roles.Curator)]
    [InlineData(Roles.Viewer)]
    public void Only_admins_see_the_servers_tab(string role)
    {
        SignIn(role);
        _ctx.Render<MudBlazor.MudPopoverProvider>();
        var page = _ctx.Render<ModelsPage>();
        Assert.DoesNotContain("Servers", page.FindAll(".mud-tab").Select(t => t.TextContent.Trim()));
    }

    [Fact]
    public void An_admin_sees_the_servers_tab()
    {
        SignIn(Roles.Admin);
        _ctx.Render<MudBlazor.MudPopoverProvider>();
        var page = _ctx.Render<ModelsPage>();
        Assert.Contains("Servers", page.FindAll(".mud-tab").Select(t => t.TextContent.Trim()));
    }
}
