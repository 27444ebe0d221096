using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Tests.Support;
using ValueAlign.Web.Components.Pages.Models;
using ValueAlign.Web.Components.Shared;

namespace ValueAlign.Tests.Web.Models;

/// <summary>The Models page with several models loaded: stories260K and a synthetic tiny llama.</summary>
public sealed class MultiModelPageTests : IAsyncLifetime
{
    private readonly TempDirectory _models = new();
    private BunitContext _ctx = default!;
    private ModelHost? _host;

    private string Stories => _models.File("stories260K.gguf");

    private string Tiny => _models.File("judge-tiny.gguf");

    public Task InitializeAsync()
    {
        File.Copy(StoriesModelFixture.ModelPath, Stories);
        SyntheticLlamaModel.WriteFile(Tiny, SyntheticLlamaConfig.Tiny);
        _ctx = new BunitContext();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton<ModelHost>(_ => _host!);
        _ctx.Services.AddSingleton(new ModelRegistry(_models.Path));
        _ctx.Services.AddSingleton<ModelLibrary>();
        _ctx.Services.AddSingleton<SharedModelAccess>();
        return Task.CompletedTask;
    }

    private ModelHost StartHost(int budgetMb)
    {
        var options = StoriesModelFixture.Options;
        options.MemoryBudgetMB = budgetMb;
        return _host = new ModelHost(options, NullLogger<ModelHost>.Instance);
    }

    private static string Budget(int mb) => ByteSize.Format(mb * 1024L * 1024L);

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        if (_host is not null)
            await _host.DisposeAsync();
        _models.Dispose();
    }

    private IRenderedComponent<ModelsPage> RenderAs(string role)
    {
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized($"{role.ToLowerInvariant()}@example.org");
        auth.SetWorkbenchRoles(role);
        _ctx.Render<MudBlazor.MudPopoverProvider>();
        return _ctx.Render<ModelsPage>();
    }

    private static string Normalize(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    [Fact]
    public async Task Every_loaded_model_is_listed_with_its_memory_and_queue_and_an_admin_can_switch_the_default_and_unload_one()
    {
        StartHost(4);
        await _host!.LoadAsync(Stories);
        await _host!.LoadAsync(Tiny);
        var page = RenderAs(Roles.Admin);

        var list = page.Find("[data-testid=loaded-models]");
        Assert.Contains("2 model(s) loaded", Normalize(list.TextContent));
        Assert.Contains($"of the {Budget(4)} budget", Normalize(list.TextContent));
        var stories = page.Find("tr[data-loaded='stories260K.gguf']");
        var tiny = page.Find("tr[data-loaded='judge-tiny.gguf']");
        var storiesState = _host!.Models[0];
        Assert.Equal(ByteSize.Format(storiesState.WeightsBytes + storiesState.KvCacheBytes), stories.QuerySelector("[data-testid=loaded-memory]")!.TextContent.Split(" (")[0]);
        Assert.Equal("idle, 0 queued", tiny.QuerySelector("[data-testid=loaded-queue]")!.TextContent);
        Assert.NotNull(stories.QuerySelector("[data-testid=default-model]"));
        Assert.Null(tiny.QuerySelector("[data-testid=default-model]"));
        Assert.Contains("continuation log-likelihood", tiny.TextContent);

        await page.Find("tr[data-loaded='judge-tiny.gguf'] [data-testid=make-default]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("tr[data-loaded='judge-tiny.gguf'] [data-testid=default-model]")));
        // The header's model name follows on the host's change event, which may render a moment later.
        page.WaitForAssertion(() => Assert.Equal("judge-tiny", page.Find("[data-testid=loaded-model-name]").TextContent));

        await page.Find("tr[data-loaded='stories260K.gguf'] [data-testid=unload-one]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("tr[data-loaded='stories260K.gguf']")));
        Assert.Contains("1 model(s) loaded", Normalize(page.Find("[data-testid=loaded-models]").TextContent));
        Assert.Single(_host!.Loaded);
    }

    [Fact]
    public async Task The_estimate_before_loading_warns_when_the_model_does_not_fit_the_budget()
    {
        StartHost(3);
        await _host!.LoadAsync(Stories);
        var page = RenderAs(Roles.Admin);

        page.Find("tr[data-model='judge-tiny.gguf'] [data-testid=load-model]").Click();
        var estimate = Normalize(page.Find("[data-testid=memory-estimate]").TextContent);
        Assert.Contains("loaded next to the models already loaded", estimate);
        Assert.Contains($"of the {Budget(3)} budget", estimate);
        // stories260K (about 2.4 MB) plus the tiny model (about 0.9 MB at 2048 tokens) exceed 3 MB.
        Assert.Contains("It does not fit", page.Find("[data-testid=over-budget]").TextContent);

        await page.Find("[data-testid=confirm-load]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Models:MemoryBudgetMB = 3", page.Find("[data-testid=model-error]").TextContent));
        Assert.Single(_host!.Loaded);
    }

    [Fact]
    public async Task Viewers_see_the_loaded_models_but_no_buttons()
    {
        StartHost(4);
        await _host!.LoadAsync(Stories);
        await _host!.LoadAsync(Tiny);
        var page = RenderAs(Roles.Viewer);
        Assert.Equal(2, page.FindAll("[data-testid=loaded-models] tbody tr").Count);
        Assert.Empty(page.FindAll("[data-testid=unload-one]"));
        Assert.Empty(page.FindAll("[data-testid=make-default]"));
    }
}
