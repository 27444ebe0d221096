using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Tests.Benchmarks;
using ValueAlign.Web.Components.Pages.Benchmarks;

namespace ValueAlign.Tests.Web.Benchmarks;

/// <summary>The import page over a real, empty SQLite library: upload, dry run, import, errors.</summary>
public sealed class ImportPageTests : IAsyncLifetime
{
    private const string GoodLines =
        """
        {"id":"up-1","alignment_group":"g1","country":"Korea","language":"en","modality":"text","question":"Which dish is fermented cabbage?","options":["Kimchi","Bulgogi"],"answer":"A","image":null,"audio":null,"knowledge_points":null,"explanation":null,"theme":"food"}
        {"id":"up-2","alignment_group":"g1","country":"Korea","language":"ko","modality":"text","question":"발효된 배추 요리는?","options":["김치","불고기"],"answer":"A","image":null,"audio":null,"knowledge_points":null,"explanation":null,"theme":"food"}

        """;

    private LibraryDatabase _library = default!;
    private BunitContext _ctx = default!;

    public async Task InitializeAsync()
    {
        _library = await LibraryDatabase.CreateAsync();
        // Real SQLite work on a shared 2-core machine: allow more than bUnit's default second.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        _ctx = new BunitContext();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(_library.Imports);
        _ctx.Services.AddSingleton(_library.Presets);
        _ctx.Services.AddSingleton(ImporterRegistry.Default);
        _ctx.Services.AddSingleton(new ImportLimits { MaxUploadMB = 8 });
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized("curator@example.org");
        auth.SetWorkbenchRoles(Roles.Curator);
        _ctx.Render<MudBlazor.MudPopoverProvider>();
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        _library.Dispose();
    }

    private IRenderedComponent<ImportPage> Upload(string text, string name)
    {
        var page = _ctx.Render<ImportPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(text, name));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=dry-run]").HasAttribute("disabled")));
        return page;
    }

    [Fact]
    public async Task Dry_run_reports_counts_and_writes_nothing_then_import_writes_the_items()
    {
        var page = Upload(GoodLines, "korea.jsonl");
        page.Find("[data-testid=dry-run]").Click();
        page.WaitForAssertion(() => Assert.Contains("Dry run: nothing written.", page.Find("[data-testid=import-summary]").TextContent));
        Assert.Contains("2 record(s) read, 2 new, 0 updated", page.Find("[data-testid=import-summary]").TextContent);
        Assert.Equal(0, (await _library.CountsAsync()).Items);

        page.Find("[data-testid=run-import]").Click();
        page.WaitForAssertion(() => Assert.Contains("Imported.", page.Find("[data-testid=import-summary]").TextContent));
        Assert.Contains("(mma-asia)", page.Find("[data-testid=import-summary]").TextContent);
        Assert.NotNull(page.Find("[data-testid=import-progress]"));
        Assert.Equal(2, (await _library.CountsAsync()).Items);
        Assert.Equal("Korea", (await _library.ItemAsync("mma-asia", "up-2")).Country);
    }

    [Fact]
    public async Task Errors_name_line_and_field_and_leave_the_library_unchanged()
    {
        var bad = GoodLines.Replace("\"question\":\"발효된 배추 요리는?\",", "");
        var page = Upload(bad, "broken.jsonl");
        page.Find("[data-testid=run-import]").Click();
        page.WaitForAssertion(() => Assert.Contains("nothing was written", page.Find("[data-testid=import-summary]").TextContent));
        var cells = page.FindAll("[data-testid=import-errors] tbody tr").First().QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal("broken.jsonl", cells[0]);
        Assert.Equal("line 2", cells[1]);
        Assert.Equal("question", cells[2]);
        Assert.Equal(0, (await _library.CountsAsync()).Items);
    }

    [Fact]
    public void Unrecognised_file_asks_for_a_format()
    {
        var page = Upload("just some words\n", "notes.txt");
        page.Find("[data-testid=dry-run]").Click();
        page.WaitForAssertion(() => Assert.Contains("pass --format", page.Find("[data-testid=import-errors]").TextContent));
    }

    [Fact]
    public void An_upload_over_the_total_quota_is_refused_naming_the_file()
    {
        var page = _ctx.Render<ImportPage>();
        var five = new string('a', 5 * 1024 * 1024);
        page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText(five, "arguments.tsv"), InputFileContent.CreateFromText(five, "labels.tsv"));
        page.WaitForAssertion(() => Assert.Contains("labels.tsv", page.Find("[data-testid=upload-error]").TextContent));
        Assert.Contains("8 MB", page.Find("[data-testid=upload-error]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=import-target]"));
        Assert.True(page.Find("[data-testid=run-import]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_running_import_can_be_cancelled_and_writes_nothing()
    {
        var lines = string.Join("\n", Enumerable.Range(1, 30_000).Select(i => GoodLines.Split('\n')[0].Replace("\"up-1\"", $"\"c-{i}\"")));
        var page = Upload(lines + "\n", "many.jsonl");
        page.Find("[data-testid=run-import]").Click();
        page.WaitForElement("[data-testid=cancel-import]").Click();
        page.WaitForElement("[data-testid=import-cancelled]");
        Assert.Empty(page.FindAll("[data-testid=cancel-import]"));
        Assert.Empty(page.FindAll("[data-testid=import-result]"));
        Assert.Equal(0, (await _library.CountsAsync()).Items);
    }
}
