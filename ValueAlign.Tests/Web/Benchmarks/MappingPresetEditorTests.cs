using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Tests.Benchmarks;
using ValueAlign.Web.Components.Pages.Benchmarks;

namespace ValueAlign.Tests.Web.Benchmarks;

/// <summary>The preset editor on the import page saves a usable mapping and explains a broken one.</summary>
public sealed class MappingPresetEditorTests : IAsyncLifetime
{
    private LibraryDatabase _library = default!;
    private BunitContext _ctx = default!;

    public async Task InitializeAsync()
    {
        _library = await LibraryDatabase.CreateAsync();
        _ctx = new BunitContext();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(_library.Presets);
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        _library.Dispose();
    }

    private IRenderedComponent<MappingPresetEditor> RenderOpen(Action<string> onSaved)
    {
        var editor = _ctx.Render<MappingPresetEditor>(p => p.Add(x => x.Saved, onSaved));
        editor.Find(".mud-expand-panel-header").Click();
        return editor;
    }

    private static void Type(IRenderedComponent<MappingPresetEditor> editor, string testId, string value) =>
        editor.Find($"[data-testid={testId}] input, [data-testid={testId}] textarea, input[data-testid={testId}], textarea[data-testid={testId}]").Change(value);

    [Fact]
    public async Task The_example_mapping_saves_as_a_named_preset_that_the_store_returns()
    {
        string? saved = null;
        var editor = RenderOpen(name => saved = name);

        Type(editor, "preset-name", "my-survey-csv");
        await editor.Find("[data-testid=save-preset]").ClickAsync(new());

        editor.WaitForAssertion(() => Assert.Equal("my-survey-csv", saved));
        var mapping = await _library.Presets.FindAsync("my-survey-csv");
        Assert.NotNull(mapping);
        Assert.Equal("my-survey", mapping!.Benchmark);
        Assert.Equal("statement", mapping.Columns["text"]);
        Assert.Equal("care", Assert.Single(mapping.Labels).DimensionId);
        Assert.Empty(editor.FindAll("[data-testid=preset-error]"));
    }

    [Fact]
    public async Task Broken_json_and_unusable_mappings_are_explained_and_not_saved()
    {
        var editor = RenderOpen(_ => { });
        Type(editor, "preset-name", "broken");

        Type(editor, "preset-json", "{\n  \"benchmark\": \"x\",\n  \"columns\": { \"text\": }\n}");
        await editor.Find("[data-testid=save-preset]").ClickAsync(new());
        editor.WaitForAssertion(() => Assert.Contains("line 3", editor.Find("[data-testid=preset-error]").TextContent));

        Type(editor, "preset-json", "{ \"benchmark\": \"x\", \"columns\": { \"body\": \"col\" } }");
        await editor.Find("[data-testid=save-preset]").ClickAsync(new());
        editor.WaitForAssertion(() =>
        {
            var error = editor.Find("[data-testid=preset-error]").TextContent;
            Assert.Contains("'body' is not a target field", error);
            Assert.Contains("does not say which column holds the text", error);
        });
        Assert.Empty(await _library.Presets.ListAsync());
    }
}
