using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Benchmarks.Media;
using ValueAlign.Tests.Benchmarks;
using ValueAlign.Tests.Support;
using ValueAlign.Web.Components.Pages.Benchmarks;
using ValueAlign.Web.Components.Shared;

namespace ValueAlign.Tests.Web.Benchmarks;

/// <summary>The item drawer's content for demo items read back from a real SQLite library.</summary>
public sealed class ItemDetailsTests : IAsyncLifetime
{
    private LibraryDatabase _library = default!;
    private BunitContext _ctx = default!;
    private readonly TempDirectory _media = new();

    public async Task InitializeAsync()
    {
        _library = await LibraryDatabase.CreateAsync();
        await _library.Seeder(Path.Combine(RepositoryRoot.Path, "data", "demo")).SeedIfEmptyAsync();
        // Real SQLite work on a shared 2-core machine: allow more than bUnit's default second.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        _ctx = new BunitContext();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(new MediaFiles(Path.Combine(RepositoryRoot.Path, "data", "media")));
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        _library.Dispose();
        _media.Dispose();
    }

    private async Task<IRenderedComponent<ItemDetails>> RenderAsync(string benchmark, string externalId)
    {
        var item = await _library.Query.GetAsync((await _library.ItemAsync(benchmark, externalId)).Id);
        var variants = await _library.Query.AlignedVariantsAsync(item!);
        return _ctx.Render<ItemDetails>(p => p
            .Add(x => x.View, ItemView.From(item!))
            .Add(x => x.Variants, variants.Select(ItemView.From).ToList()));
    }

    [Fact]
    public async Task Options_are_listed_with_the_answer_marked()
    {
        var details = await RenderAsync("mma-asia", "demo-jp-001-en-text");
        var options = details.FindAll("[data-testid=item-details] > ol[data-testid=item-options] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(4, options.Count);
        Assert.StartsWith("Drink all the water", options[0]);
        var answer = details.Find("[data-testid=item-details] > ol [data-testid=answer-option]");
        Assert.StartsWith("Rinse their hands and mouth", answer.TextContent.Trim());
        Assert.Contains("answer", answer.TextContent);
        Assert.Single(details.FindAll("[data-testid=item-details] > ol [data-testid=answer-option]"));
    }

    [Fact]
    public async Task Aligned_variants_appear_side_by_side_with_language_and_modality()
    {
        var details = await RenderAsync("mma-asia", "demo-jp-001-en-text");
        var variants = details.FindAll("[data-testid=aligned-variant]");
        Assert.Equal(new[] { "demo-jp-001-en-image", "demo-jp-001-ja-image", "demo-jp-001-ja-text" },
            variants.Select(v => v.GetAttribute("data-external-id")!).ToArray());
        var jaImage = variants.Single(v => v.GetAttribute("data-external-id") == "demo-jp-001-ja-image");
        Assert.Contains("ja", jaImage.TextContent);
        Assert.Contains("Image", jaImage.TextContent);
        Assert.Contains("手と口をすすぐ", jaImage.QuerySelector("[data-testid=answer-option]")!.TextContent);
        Assert.Equal("/media/demo/shrine-gate.png", jaImage.QuerySelector("img[data-testid=item-image]")!.GetAttribute("src"));
    }

    [Fact]
    public async Task Labels_table_lists_value_system_dimension_and_value()
    {
        var item = (await _library.ItemsAsync()).First(i => i.Benchmark.StartsWith("touche23") && i.Labels.Any(l => l.Value != 0));
        var details = await RenderAsync(item.Benchmark, item.ExternalId);
        var rows = details.FindAll("[data-testid=item-labels] tbody tr");
        Assert.Equal(item.Labels.Count, rows.Count);
        var labelled = item.Labels.First(l => l.Value != 0);
        var row = details.Find($"[data-testid=item-labels] tr[data-dimension='{labelled.DimensionId}']");
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(labelled.ValueSystemId, cells[0]);
        Assert.Equal(labelled.DimensionId, cells[1]);
        Assert.Equal("1", cells[2]);
    }

    [Fact]
    public async Task Long_context_item_lists_passages_with_supporting_ones_marked()
    {
        var details = await RenderAsync("hotpotqa", "demo-hotpot-lighthouse");
        Assert.Contains("Marta Quell", details.Find("[data-testid=gold-answers]").TextContent);
        var passages = details.FindAll("[data-testid=passage]");
        Assert.Equal(5, passages.Count);
        Assert.Equal(["true", "false", "true", "false", "false"], passages.Select(p => p.GetAttribute("data-supporting")));
        Assert.StartsWith("Tessel Regatta", passages[0].TextContent.Trim());
        Assert.Equal(2, passages[0].QuerySelectorAll("[data-testid=supporting-sentence]").Length);
        Assert.StartsWith("Kerrow Light, the lighthouse on Kerrow Island, was designed by",
            passages[2].QuerySelector("[data-testid=supporting-sentence]")!.TextContent);
        Assert.Empty(details.FindAll("[data-testid=item-context]"));
    }

    [Fact]
    public async Task Source_record_is_shown_as_pretty_json()
    {
        var details = await RenderAsync("mma-asia", "demo-jp-001-ja-image");
        var source = details.Find("[data-testid=source-record]").TextContent;
        Assert.Contains("\n  \"id\": \"demo-jp-001-ja-image\"", source);
        Assert.Contains("写真のような鳥居", source);
    }

    [Fact]
    public async Task Image_zooms_on_click_and_missing_media_shows_a_placeholder()
    {
        var details = await RenderAsync("mma-asia", "demo-jp-001-en-image");
        details.Find("[data-testid=item-details] > div > img[data-testid=item-image]").Click();
        Assert.NotNull(details.Find("[data-testid=media-zoom] img"));

        var missing = _ctx.Render<MediaView>(p => p.Add(x => x.Reference, "demo/no-such-picture.png"));
        Assert.Contains("Media not available", missing.Find("[data-testid=media-placeholder]").TextContent);
        Assert.Empty(missing.FindAll("img"));
        var outside = _ctx.Render<MediaView>(p => p.Add(x => x.Reference, "../appsettings.json"));
        Assert.Contains("not allowed", outside.Find("[data-testid=media-placeholder]").TextContent);
    }

    [Fact]
    public async Task Audio_gets_a_player_with_an_escaped_media_url()
    {
        Directory.CreateDirectory(Path.Combine(_media.Path, "clips"));
        await File.WriteAllBytesAsync(Path.Combine(_media.Path, "clips", "my clip.mp3"), [0xFF, 0xFB, 0x90, 0x00]);
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(new MediaFiles(_media.Path));
        var view = ctx.Render<MediaView>(p => p.Add(x => x.Reference, "clips/my clip.mp3"));
        var audio = view.Find("audio[data-testid=item-audio]");
        Assert.True(audio.HasAttribute("controls"));
        Assert.Equal("/media/clips/my%20clip.mp3", audio.GetAttribute("src"));
    }

    [Theory]
    [InlineData("B", 1)]
    [InlineData("b", 1)]
    [InlineData("Wash their feet", 3)]
    [InlineData("E", null)]
    [InlineData("", null)]
    public void Answer_is_found_by_letter_or_text(string answer, int? expected)
    {
        string[] options = ["Drink all the water", "Rinse their hands and mouth", "Throw coins into it", "Wash their feet"];
        Assert.Equal(expected, ItemView.AnswerIndexOf(answer, options));
    }
}
