using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Web.Benchmarks;
using ValueAlign.Web.Components.Shared;

namespace ValueAlign.Web.Components.Pages.Benchmarks;

/// <summary>
/// The library browser. The URL's query string is the single source of the filters, the sort and
/// the scroll position: a change navigates (replacing the history entry), and the new query
/// parameters reload the grid, so reloading or sharing the address shows the same items. The grid
/// scrolls through the whole filtered result by keyset slices (<see cref="BenchmarkQuery.ScrollAsync"/>);
/// `after` in the URL is the cursor the last loaded slice started from.
/// </summary>
public partial class BenchmarksPage
{
    [CascadingParameter]
    private Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState> AuthenticationState { get; set; } = default!;

    public static readonly (string Format, string Label)[] ExportFormats =
        [("jsonl", "JSONL (lossless)"), ("csv", "CSV"), ("parquet", "Parquet"), ("hf", "Hugging Face JSONL")];

    private static readonly string[] KindNames = Enum.GetNames<Core.Benchmarks.Model.ItemKind>();
    private static readonly string[] ModalityNames = Enum.GetNames<Core.Benchmarks.Model.Modality>();
    private static readonly string[] StatusNames = Enum.GetNames<Core.Benchmarks.Model.VerificationStatus>();

    [SupplyParameterFromQuery(Name = ItemFilterQueryString.Benchmark)] public string? Benchmark { get; set; }
    [SupplyParameterFromQuery(Name = ItemFilterQueryString.Kind)] public string? Kind { get; set; }
    [SupplyParameterFromQuery(Name = ItemFilterQueryString.Category)] public string? Category { get; set; }
    [SupplyParameterFromQuery(Name = ItemFilterQueryString.Country)] public string? Country { get; set; }
    [SupplyParameterFromQuery(Name = ItemFilterQueryString.Language)] public string? Language { get; set; }
    [SupplyParameterFromQuery(Name = ItemFilterQueryString.Modality)] public string? Modality { get; set; }
    [SupplyParameterFromQuery(Name = ItemFilterQueryString.Label)] public string? Label { get; set; }
    [SupplyParameterFromQuery(Name = ItemFilterQueryString.Status)] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = ItemFilterQueryString.Group)] public string? Group { get; set; }
    [SupplyParameterFromQuery(Name = ItemFilterQueryString.Search)] public string? Q { get; set; }
    [SupplyParameterFromQuery(Name = SortKey)] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = DescendingKey)] public string? Desc { get; set; }
    [SupplyParameterFromQuery(Name = AfterKey)] public string? After { get; set; }

    public const string SortKey = "sort";
    public const string DescendingKey = "desc";
    public const string AfterKey = "after";
    private const int SliceSize = 100;

    private ItemFacets? _facets;
    private ItemFilter _filter = new();
    private ItemSort _sort = ItemSort.Id;
    private bool _descending;
    private string? _loadedKey;
    private string? _ownAfter;
    private int? _total;
    private List<ItemSummary> _rows = [];
    private ItemCursor? _next;
    private bool _loading;
    private int _generation;
    private ElementReference _endSentinel;
    private ItemView? _open;
    private IReadOnlyList<ItemView> _variants = [];
    private IReadOnlyList<Core.Annotation.Adjudication.VerifiedLabelView> _verified = [];
    private MudPaper? _drawerRef;
    private DotNetObjectReference<BenchmarksPage>? _self;

    public ItemFilter Filter => _filter;

    protected override async Task OnInitializedAsync() => _facets = await Query.FacetsAsync();

    protected override async Task OnParametersSetAsync()
    {
        var filter = ItemFilterQueryString.Parse(Value);
        var sort = Enum.TryParse<ItemSort>(Sort, ignoreCase: true, out var parsed) ? parsed : ItemSort.Id;
        var descending = Desc is "1" or "true";
        var key = $"{ItemFilterQueryString.ToQuery(filter)}|{sort}|{descending}";
        // Our own URL update after loading more rows must not restart the list.
        if (key == _loadedKey && (After == _ownAfter || After == null && _ownAfter == null))
        {
            return;
        }
        var filterChanged = filter != _filter || _total is null;
        (_filter, _sort, _descending, _loadedKey, _ownAfter) = (filter, sort, descending, key, After);
        _rows = [];
        _next = ItemCursor.TryDecode(After);
        var generation = ++_generation;
        if (filterChanged)
        {
            _total = null;
            _total = await Query.CountAsync(filter);
            if (generation != _generation)
            {
                return;
            }
        }
        await LoadSliceAsync(_next, generation, updateUrl: false);
    }

    /// <summary>Appends the next slice (the "Load more" button, and the end of the grid scrolling into view).</summary>
    private Task LoadMoreAsync() => _next is null || _loading ? Task.CompletedTask : LoadSliceAsync(_next, _generation, updateUrl: true);

    [JSInvokable]
    public async Task OnScrolledToEndAsync()
    {
        await LoadMoreAsync();
        StateHasChanged();
    }

    private async Task LoadSliceAsync(ItemCursor? after, int generation, bool updateUrl)
    {
        _loading = true;
        try
        {
            var slice = await Query.ScrollAsync(new KeysetPageRequest(_filter, _sort, _descending, after, SliceSize));
            if (generation != _generation)
            {
                return;
            }
            _rows.AddRange(slice.Items);
            _next = slice.Next;
            if (updateUrl)
            {
                _ownAfter = after?.Encode();
                Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(AfterKey, _ownAfter), replace: true);
            }
        }
        finally
        {
            if (generation == _generation)
            {
                _loading = false;
            }
        }
    }

    /// <summary>Clicking a column sorts by it ascending, a second click descending, a third goes back to id order.</summary>
    private Task SortByAsync(ItemSort sort)
    {
        var (next, descending) = _sort != sort ? (sort, false) : !_descending ? (sort, true) : (ItemSort.Id, false);
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            [SortKey] = next == ItemSort.Id ? null : next.ToString(),
            [DescendingKey] = descending ? "1" : null,
            [AfterKey] = null,
        }), replace: true);
        return Task.CompletedTask;
    }

    private void BackToTop() => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(AfterKey, (string?)null), replace: true);

    private string? Value(string key) => key switch
    {
        ItemFilterQueryString.Benchmark => Benchmark,
        ItemFilterQueryString.Kind => Kind,
        ItemFilterQueryString.Category => Category,
        ItemFilterQueryString.Country => Country,
        ItemFilterQueryString.Language => Language,
        ItemFilterQueryString.Modality => Modality,
        ItemFilterQueryString.Label => Label,
        ItemFilterQueryString.Status => Status,
        ItemFilterQueryString.Group => Group,
        ItemFilterQueryString.Search => Q,
        _ => null,
    };

    /// <summary>Sets one filter in the URL; the query-parameter change reloads the grid.</summary>
    private Task SetAsync(string key, string? value)
    {
        var current = ItemFilterQueryString.Pairs(_filter).ToDictionary(p => p.Key, p => (object?)p.Value);
        var parameters = new Dictionary<string, object?>
        {
            [ItemFilterQueryString.Benchmark] = null, [ItemFilterQueryString.Kind] = null, [ItemFilterQueryString.Category] = null,
            [ItemFilterQueryString.Country] = null, [ItemFilterQueryString.Language] = null, [ItemFilterQueryString.Modality] = null,
            [ItemFilterQueryString.Label] = null, [ItemFilterQueryString.Status] = null, [ItemFilterQueryString.Group] = null,
            [ItemFilterQueryString.Search] = null,
            [AfterKey] = null,
        };
        foreach (var (k, v) in current) parameters[k] = v;
        parameters[key] = string.IsNullOrWhiteSpace(value) ? null : value;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(parameters), replace: true);
        return Task.CompletedTask;
    }

    private void Clear() => Navigation.NavigateTo("/benchmarks", replace: true);

    public string ExportHref(string format)
    {
        var query = ItemFilterQueryString.ToQuery(_filter);
        return $"/benchmarks/export?format={format}" + (query.Length > 0 ? "&" + query : "");
    }

    private int _drawerRequest;

    private async Task OpenAsync(long id)
    {
        // A slow load must not reopen the drawer after the user closed it or opened another row.
        var request = ++_drawerRequest;
        var item = await Query.GetAsync(id);
        if (request != _drawerRequest)
        {
            return;
        }
        if (item is null)
        {
            _open = null;
            return;
        }
        var variants = (await Query.AlignedVariantsAsync(item)).Select(ItemView.From).ToList();
        var verified = await VerifiedLabelStore.ForItemAsync(item.Id, Core.Annotation.Adjudication.LabelDisclosure.For((await AuthenticationState).User));
        if (request != _drawerRequest)
        {
            return;
        }
        _open = ItemView.From(item);
        _variants = variants;
        _verified = verified;
        StateHasChanged();
    }

    private void Close()
    {
        _drawerRequest++;
        _open = null;
        _variants = [];
        _verified = [];
    }

    /// <summary>Opens the next (+1) or previous (−1) row of the loaded rows, loading the next slice at the end.</summary>
    private async Task MoveAsync(int step)
    {
        if (_open is null || _rows.Count == 0)
        {
            return;
        }
        var index = _rows.FindIndex(r => r.Id == _open.Item.Id);
        if (step > 0 && index == _rows.Count - 1 && _next is not null)
        {
            await LoadMoreAsync();
        }
        var next = index < 0 ? 0 : Math.Clamp(index + step, 0, _rows.Count - 1);
        if (index != next)
        {
            await OpenAsync(_rows[next].Id);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            await JS.InvokeVoidAsync("valueAlign.listenBrowserKeys", _self);
            await JS.InvokeVoidAsync("valueAlign.observeScrollEnd", _endSentinel, _self);
        }
    }

    /// <summary>Esc closes the drawer, j/k and the arrow keys move between rows (from workbench.js; not while typing).</summary>
    [JSInvokable]
    public async Task OnBrowserKeyAsync(string key)
    {
        if (_open is null)
        {
            return;
        }
        switch (key)
        {
            case "Escape":
                Close();
                break;
            case "j" or "ArrowDown":
                await MoveAsync(1);
                break;
            case "k" or "ArrowUp":
                await MoveAsync(-1);
                break;
        }
        StateHasChanged();
    }

    public async ValueTask DisposeAsync()
    {
        if (_self is not null)
        {
            try
            {
                await JS.InvokeVoidAsync("valueAlign.stopBrowserKeys");
                await JS.InvokeVoidAsync("valueAlign.stopObservingScrollEnd");
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; so is the listener.
            }
            _self.Dispose();
        }
    }

    private string RowClass(ItemSummary row, int index) => _open?.Item.Id == row.Id ? "item-row selected" : "item-row";

    private static string Snippet(string text) => text.Length <= 140 ? text : text[..140] + "…";
}
