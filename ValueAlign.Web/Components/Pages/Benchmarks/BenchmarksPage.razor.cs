using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Web.Benchmarks;
using ValueAlign.Web.Components.Shared;

namespace ValueAlign.Web.Components.Pages.Benchmarks;

/// <summary>
/// The library browser. The URL's query string is the single source of the filters: a filter
/// change navigates (replacing the history entry), and the new query parameters reload the grid,
/// so reloading or sharing the address shows the same items.
/// </summary>
public partial class BenchmarksPage
{
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

    private MudTable<ItemSummary>? _table;
    private ItemFacets? _facets;
    private ItemFilter _filter = new();
    private int? _total;
    private IReadOnlyList<ItemSummary> _rows = [];
    private ItemView? _open;
    private IReadOnlyList<ItemView> _variants = [];
    private MudPaper? _drawerRef;
    private DotNetObjectReference<BenchmarksPage>? _self;

    public ItemFilter Filter => _filter;

    protected override async Task OnInitializedAsync() => _facets = await Query.FacetsAsync();

    protected override async Task OnParametersSetAsync()
    {
        var filter = ItemFilterQueryString.Parse(Value);
        if (filter == _filter)
        {
            return;
        }
        _filter = filter;
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

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

    private async Task<TableData<ItemSummary>> LoadPageAsync(TableState state, CancellationToken cancellationToken)
    {
        var sort = Enum.TryParse<ItemSort>(state.SortLabel, out var parsed) && state.SortDirection != SortDirection.None ? parsed : ItemSort.Id;
        var page = await Query.PageAsync(new ItemPageRequest(
            _filter, sort, state.SortDirection == SortDirection.Descending, state.Page * state.PageSize, state.PageSize), cancellationToken);
        _rows = page.Items;
        if (_total != page.Total)
        {
            // The table renders itself; the count above it belongs to the page.
            _total = page.Total;
            _ = InvokeAsync(StateHasChanged);
        }
        return new TableData<ItemSummary> { Items = page.Items, TotalItems = page.Total };
    }

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
        if (request != _drawerRequest)
        {
            return;
        }
        _open = ItemView.From(item);
        _variants = variants;
        StateHasChanged();
    }

    private void Close()
    {
        _drawerRequest++;
        _open = null;
        _variants = [];
    }

    /// <summary>Opens the next (+1) or previous (−1) row of the current page.</summary>
    private async Task MoveAsync(int step)
    {
        if (_open is null || _rows.Count == 0)
        {
            return;
        }
        var index = _rows.ToList().FindIndex(r => r.Id == _open.Item.Id);
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
