using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ValueAlign.Core.Accounts;
using ValueAlign.Core.Benchmarks.Media;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Tests.Benchmarks;
using ValueAlign.Tests.Support;
using ValueAlign.Web.Components.Pages.Benchmarks;

namespace ValueAlign.Tests.Web.Benchmarks;

/// <summary>The browser page and its drawer over a real SQLite library seeded with the demo data.</summary>
public sealed class BenchmarksPageTests : IAsyncLifetime
{
    private LibraryDatabase _library = default!;
    private BunitContext _ctx = default!;

    public async Task InitializeAsync()
    {
        _library = await LibraryDatabase.CreateAsync();
        await _library.Seeder(Path.Combine(RepositoryRoot.Path, "data", "demo")).SeedIfEmptyAsync();
        // Real SQLite work on a shared 2-core machine: allow more than bUnit's default second.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        _ctx = new BunitContext();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(_library.Query);
        _ctx.Services.AddSingleton(new ValueAlign.Core.Annotation.Adjudication.VerifiedLabelStore(_library.Factory));
        _ctx.Services.AddSingleton(new MediaFiles(Path.Combine(RepositoryRoot.Path, "data", "media")));
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized("viewer@example.org");
        auth.SetWorkbenchRoles(Roles.Viewer);
        _ctx.Render<MudBlazor.MudPopoverProvider>();
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        _library.Dispose();
    }

    private IRenderedComponent<BenchmarksPage> RenderAt(string query)
    {
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/benchmarks" + query);
        return _ctx.Render<BenchmarksPage>();
    }

    private static string[] ExternalIds(IRenderedComponent<BenchmarksPage> page) =>
        page.FindAll("td[data-item]").Select(td => td.GetAttribute("data-item")!).ToArray();

    [Fact]
    public async Task Grid_shows_the_first_page_of_the_library_and_its_total()
    {
        var total = (await _library.CountsAsync()).Items;
        var page = _ctx.Render<BenchmarksPage>();
        page.WaitForAssertion(() => Assert.Equal($"{total:N0} item(s)", page.Find("[data-testid=total-count]").TextContent.Trim()));
        var expected = await _library.Query.PageAsync(new ItemPageRequest(new ItemFilter(), Take: 100));
        page.WaitForAssertion(() => Assert.Equal(expected.Items.Select(i => i.ExternalId).ToArray(), ExternalIds(page)));
    }

    [Fact]
    public async Task Country_filter_from_the_url_shows_only_those_items()
    {
        var page = RenderAt("?country=Japan");
        var expected = await _library.Query.PageAsync(new ItemPageRequest(new ItemFilter { Country = "Japan" }, Take: 100));
        Assert.True(expected.Total >= 4);
        page.WaitForAssertion(() => Assert.Equal(expected.Items.Select(i => i.ExternalId).ToArray(), ExternalIds(page)));
        Assert.Contains($"{expected.Total:N0} item(s)", page.Find("[data-testid=total-count]").TextContent);
        Assert.Contains("country=Japan", page.Instance.ExportHref("csv"));
        Assert.StartsWith("/benchmarks/export?format=csv&", page.Instance.ExportHref("csv"));
    }

    [Fact]
    public async Task Sorting_by_a_column_asks_the_server_for_that_order()
    {
        var page = RenderAt("?benchmark=mma-asia");
        page.WaitForAssertion(() => Assert.NotEmpty(ExternalIds(page)));
        page.Find("[data-testid=sort-Language]").Click();
        var navigation = _ctx.Services.GetRequiredService<NavigationManager>();
        Assert.Contains("sort=Language", navigation.Uri);
        var expected = await _library.Query.PageAsync(new ItemPageRequest(new ItemFilter { Benchmark = "mma-asia" }, ItemSort.Language, Take: 100));
        page.WaitForAssertion(() => Assert.Equal(expected.Items.Select(i => i.ExternalId).ToArray(), ExternalIds(page)));
        Assert.NotEqual(
            (await _library.Query.PageAsync(new ItemPageRequest(new ItemFilter { Benchmark = "mma-asia" }, Take: 100))).Items.Select(i => i.ExternalId),
            expected.Items.Select(i => i.ExternalId));
        // A second click sorts descending, a third returns to id order.
        page.Find("[data-testid=sort-Language]").Click();
        Assert.Contains("desc=1", navigation.Uri);
        var descending = await _library.Query.PageAsync(new ItemPageRequest(new ItemFilter { Benchmark = "mma-asia" }, ItemSort.Language, Descending: true, Take: 100));
        page.WaitForAssertion(() => Assert.Equal(descending.Items.Select(i => i.ExternalId).ToArray(), ExternalIds(page)));
        page.Find("[data-testid=sort-Language]").Click();
        Assert.DoesNotContain("sort=", navigation.Uri);
    }

    [Fact]
    public void Search_and_group_filters_combine()
    {
        var page = RenderAt("?group=demo-jp-001&q=shrine");
        page.WaitForAssertion(() => Assert.Equal(
            new[] { "demo-jp-001-en-text" }, ExternalIds(page)));
    }

    [Fact]
    public void Changing_a_filter_puts_it_in_the_url()
    {
        var navigation = _ctx.Services.GetRequiredService<NavigationManager>();
        var page = RenderAt("?country=Japan&group=demo-jp-001");
        page.WaitForAssertion(() => Assert.NotEmpty(ExternalIds(page)));

        page.Find("[data-testid=filter-group] .mud-chip-close-button").Click();
        Assert.Contains("country=Japan", navigation.Uri);
        Assert.DoesNotContain("group=", navigation.Uri);

        page.Find("input[data-testid=search], [data-testid=search] input").Input("shrine");
        page.WaitForAssertion(() => Assert.Contains("q=shrine", navigation.Uri), TimeSpan.FromSeconds(15));
        Assert.Contains("country=Japan", navigation.Uri);

        page.WaitForAssertion(() => Assert.Contains("1 item(s)", page.Find("[data-testid=total-count]").TextContent));
        page.Find("[data-testid=clear-filters]").Click();
        page.WaitForAssertion(() => Assert.EndsWith("/benchmarks", navigation.Uri));
    }

    [Fact]
    public void Clicking_a_row_opens_the_drawer_with_its_aligned_variants()
    {
        var page = RenderAt("?group=demo-jp-001");
        page.WaitForAssertion(() => Assert.Equal(4, ExternalIds(page).Length));
        page.Find("td[data-item='demo-jp-001-en-image']").Click();
        page.WaitForAssertion(() => Assert.Equal("demo-jp-001-en-image", page.Find("[data-testid=item-details]").GetAttribute("data-external-id")));
        var variants = page.FindAll("[data-testid=aligned-variant]").Select(v => v.GetAttribute("data-external-id")).Order().ToArray();
        Assert.Equal(new[] { "demo-jp-001-en-text", "demo-jp-001-ja-image", "demo-jp-001-ja-text" }, variants);
        Assert.Equal("/media/demo/shrine-gate.png", page.Find("[data-testid=item-details] > img[data-testid=item-image], [data-testid=item-details] div > img[data-testid=item-image]").GetAttribute("src"));

        page.Find("[data-testid=close-drawer]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=item-drawer]")));
    }

    [Fact]
    public async Task Keys_close_the_drawer_and_move_between_rows()
    {
        var page = RenderAt("?group=demo-jp-001");
        page.WaitForAssertion(() => Assert.Equal(4, ExternalIds(page).Length));
        var rows = ExternalIds(page);
        page.Find($"td[data-item='{rows[0]}']").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=item-details]")));

        await page.InvokeAsync(() => page.Instance.OnBrowserKeyAsync("j"));
        page.WaitForAssertion(() => Assert.Equal(rows[1], page.Find("[data-testid=item-details]").GetAttribute("data-external-id")));
        await page.InvokeAsync(() => page.Instance.OnBrowserKeyAsync("k"));
        page.WaitForAssertion(() => Assert.Equal(rows[0], page.Find("[data-testid=item-details]").GetAttribute("data-external-id")));
        await page.InvokeAsync(() => page.Instance.OnBrowserKeyAsync("Escape"));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=item-drawer]")));
    }

    [Fact]
    public async Task Scrolling_loads_every_item_once_and_the_position_lives_in_the_url()
    {
        await _library.ImportAsync(SharedFolder.File("datasets", "touche23_valueeval", "arguments-validation.sample.tsv"));
        var total = (await _library.CountsAsync()).Items;
        Assert.True(total > 300, $"the test library has only {total} items");
        var navigation = _ctx.Services.GetRequiredService<NavigationManager>();
        var page = RenderAt("?sort=Country");
        page.WaitForAssertion(() => Assert.Equal(100, ExternalIds(page).Length));
        while (page.FindAll("[data-testid=load-more]").Count > 0)
        {
            page.Find("[data-testid=load-more]").Click();
        }
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=end-of-list]")));
        var expected = (await _library.Query.PageAsync(new ItemPageRequest(new ItemFilter(), ItemSort.Country, Take: 1000))).Items.Select(i => i.ExternalId).ToArray();
        Assert.Equal(expected, ExternalIds(page));

        // The URL now starts at the last slice loaded: a reload shows that slice first.
        Assert.Contains("after=", navigation.Uri);
        Assert.Contains("sort=Country", navigation.Uri);
        var reloaded = _ctx.Render<BenchmarksPage>();
        var lastSlice = expected.Skip((expected.Length - 1) / 100 * 100).ToArray();
        reloaded.WaitForAssertion(() => Assert.Equal(lastSlice, ExternalIds(reloaded)));
        reloaded.Find("[data-testid=back-to-top]").Click();
        Assert.DoesNotContain("after=", navigation.Uri);
    }
}
