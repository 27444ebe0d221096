using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Tests.Support;
using ValueAlign.Web.Components.Pages.Models;

namespace ValueAlign.Tests.Web.Models;

/// <summary>The Models page over a real models folder: a synthetic tiny GGUF, a broken file, a real load.</summary>
public sealed class ModelsPageTests : IAsyncLifetime
{
    private readonly TempDirectory _models = new();
    private BunitContext _ctx = default!;
    private ModelHost _host = default!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_models.Path, "synthetic"));
        SyntheticLlamaModel.WriteFile(Path.Combine(_models.Path, "synthetic", "tiny.gguf"), SyntheticLlamaConfig.Tiny);
        File.WriteAllBytes(Path.Combine(_models.Path, "broken.gguf"), [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]);

        _ctx = new BunitContext();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        var options = new ModelRuntimeOptions { ContextSize = 512, BatchSize = 512, MicroBatchSize = 512, Threads = 1 };
        _host = new ModelHost(options, NullLogger<ModelHost>.Instance);
        _ctx.Services.AddSingleton(_host);
        _ctx.Services.AddSingleton(new ModelRegistry(_models.Path));
        _ctx.Services.AddSingleton<ModelLibrary>();
        _ctx.Services.AddSingleton<SharedModelAccess>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
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
    public void Library_lists_models_with_header_metadata_and_broken_files_with_their_error()
    {
        var page = RenderAs(Roles.Curator);

        var tiny = page.Find("tr[data-model='synthetic/tiny.gguf']");
        var text = Normalize(tiny.TextContent);
        Assert.Contains("llama", text);
        Assert.Contains("106.82K", text); // 106,816 parameters in SyntheticLlamaConfig.Tiny
        Assert.Contains("512", text);     // context and vocabulary
        Assert.Contains("F32", text);

        var broken = page.Find("tr[data-model='broken.gguf']");
        Assert.Contains("not a GGUF file", broken.QuerySelector("[data-testid=model-file-error]")!.TextContent);
        Assert.Empty(broken.QuerySelectorAll("[data-testid=load-model]"));
        Assert.Contains("No model is loaded", page.Find("[data-testid=model-status]").TextContent);
    }

    [Fact]
    public void A_model_with_a_projector_beside_it_shows_the_pair_and_the_projector_file_is_no_loadable_model()
    {
        SyntheticProjectorModel.WriteFile(Path.Combine(_models.Path, "synthetic", "mmproj-tiny.gguf"), SyntheticProjectorConfig.TinyFor(SyntheticLlamaConfig.Tiny));

        var page = RenderAs(Roles.Curator);

        Assert.Equal("with mmproj-tiny.gguf", Normalize(page.Find("tr[data-model='synthetic/tiny.gguf'] [data-testid=model-projector]").TextContent).Trim());
        var projector = page.Find("tr[data-model='synthetic/mmproj-tiny.gguf']");
        Assert.Contains("multimodal projector", projector.QuerySelector("[data-testid=projector-file]")!.TextContent);
        Assert.Empty(projector.QuerySelectorAll("[data-testid=load-model]"));
        Assert.Empty(projector.QuerySelectorAll("[data-testid=model-file-error]"));
    }

    [Fact]
    public void A_model_without_a_projector_is_shown_as_text_only()
    {
        var page = RenderAs(Roles.Curator);
        Assert.Equal("text only", page.Find("tr[data-model='synthetic/tiny.gguf'] [data-testid=model-projector]").TextContent.Trim());
    }

    [Fact]
    public void Viewers_see_the_library_but_cannot_load()
    {
        var page = RenderAs(Roles.Viewer);
        Assert.NotNull(page.Find("tr[data-model='synthetic/tiny.gguf']"));
        Assert.Empty(page.FindAll("[data-testid=load-model]"));
    }

    [Fact]
    public async Task Load_shows_the_memory_estimate_first_then_loads_and_reports_ready()
    {
        var page = RenderAs(Roles.Admin);

        page.Find("tr[data-model='synthetic/tiny.gguf'] [data-testid=load-model]").Click();
        var estimate = Normalize(page.Find("[data-testid=memory-estimate]").TextContent);
        // Tiny: 2 blocks x 512 tokens x 2 KV heads x (16 + 16) x 2 bytes = 131,072 bytes of KV cache.
        Assert.Contains("131 KB KV cache for 512 tokens", estimate);
        Assert.Equal(ModelHostStatus.Empty, _host.State.Status);

        await page.Find("[data-testid=confirm-load]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("is loaded", page.Find("[data-testid=model-status]").TextContent), TimeSpan.FromSeconds(30));
        Assert.Equal(ModelHostStatus.Ready, _host.State.Status);
        Assert.EndsWith(Path.Combine("synthetic", "tiny.gguf"), _host.State.ModelPath);

        await page.Find("[data-testid=unload-model]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("No model is loaded", page.Find("[data-testid=model-status]").TextContent));
    }
}
