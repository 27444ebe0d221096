using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.LongMab;
using ValueAlign.Core.Methods.LongMab.Verification;
using ValueAlign.Web.Components.Pages.Runs;

namespace ValueAlign.Web.Components.Pages.PreferenceData;

/// <summary>
/// <c>/preference-data</c>: starts a <c>longmab-po</c> generation run on chosen items and shows it
/// live (rounds from <see cref="LongMabLiveFeed"/>, progress from the job queue), then its pairs,
/// their downloads and one-click human verification. <c>?run=ID</c> opens an existing run.
/// </summary>
public partial class PreferenceDataPage
{
    private const int ItemChoiceLimit = 500;

    [Inject] private EvalRunService Runs { get; set; } = default!;
    [Inject] private ModelLibrary Models { get; set; } = default!;
    [Inject] private BenchmarkQuery Query { get; set; } = default!;
    [Inject] private JobQueue Queue { get; set; } = default!;
    [Inject] private LongMabLiveFeed Feed { get; set; } = default!;
    [Inject] private PreferenceVerificationService Verification { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [SupplyParameterFromQuery(Name = "run")] public long? RunId { get; set; }

    /// <summary>A download link's attributes: <c>download</c> (so Blazor's router does not intercept it) and its test id.</summary>
    private static Dictionary<string, object> DownloadLink(string testId) => new() { ["download"] = "", ["data-testid"] = testId };

    private IReadOnlyList<Core.Inference.Registry.ModelEntry> _models = [];
    private IReadOnlyList<(string Key, string Label)> _choices = [];
    private IReadOnlyList<EvalRunSummary> _recent = [];
    private string? _model;
    private IReadOnlyCollection<string> _items = [];
    private int _rounds = new LongMabOptions().Rounds;
    private int _chunkTokens = new LongMabOptions().ChunkTokens;
    private int _chunksPerRound = new LongMabOptions().ChunksPerRound;
    private int _answerTokens = new LongMabOptions().MaxAnswerTokens;
    private int _seed;
    private string? _error;
    private bool _busy;

    private EvalRun? _run;
    private JobSnapshot? _job;
    private readonly SortedDictionary<string, LongMabTrace> _traces = new(StringComparer.Ordinal);
    private string? _shown;
    private IReadOnlyDictionary<string, PairStatus> _status = new Dictionary<string, PairStatus>();
    private long? _projectId;
    private JobUpdates? _jobUpdates;
    private LiveTraceUpdates? _liveUpdates;

    private LongMabTrace? Shown => _shown is not null && _traces.TryGetValue(_shown, out var t) ? t : null;

    private IReadOnlyList<LongMabTrace> Finished => [.. _traces.Values.Where(t => t.Finished)];

    protected override async Task OnInitializedAsync()
    {
        _models = Models.List().Where(m => m.IsUsable).ToList();
        _model = _models.FirstOrDefault()?.RelativePath;
        var page = await Query.PageAsync(new ItemPageRequest(new ItemFilter { Kind = ItemKind.LongContextQa }, Take: ItemChoiceLimit));
        _choices = [.. page.Items.Select(i => (LongMabParameters.ItemKey(i.Benchmark, i.ExternalId), $"{i.Benchmark}/{i.ExternalId}: {Short(i.Text)}"))];
        _recent = await Runs.ListAsync(20, LongMabMethod.MethodId);
        _jobUpdates = new JobUpdates(Queue, OnJobsChangedAsync);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (RunId is { } id && _run?.Id != id)
            await OpenAsync(id);
    }

    private async Task GenerateAsync()
    {
        _error = null;
        _busy = true;
        try
        {
            var user = AuthenticationState is null ? "" : (await AuthenticationState).User.Identity?.Name ?? "";
            var parameters = System.Text.Json.JsonSerializer.Serialize(new
            {
                rounds = _rounds,
                chunkTokens = _chunkTokens,
                chunksPerRound = _chunksPerRound,
                maxAnswerTokens = _answerTokens,
                items = _items.Order(StringComparer.Ordinal).ToArray(),
            });
            var run = await Runs.CreateAsync(new EvalRunRequest(_model!, LongMabMethod.MethodId, new ItemFilter { Kind = ItemKind.LongContextQa },
                parameters, _seed, $"LongMab-PO, {_items.Count()} item(s)"), user);
            Navigation.NavigateTo($"/preference-data?run={run.Id}");
        }
        catch (EvalRunException e)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task OpenAsync(long runId)
    {
        _liveUpdates?.Dispose();
        _traces.Clear();
        _status = new Dictionary<string, PairStatus>();
        _projectId = null;
        var summary = await Runs.GetSummaryAsync(runId);
        if (summary is null || summary.Run.Method != LongMabMethod.MethodId)
        {
            _run = null;
            _error = summary is null ? $"There is no run {runId}." : $"Run {runId} is not a LongMab-PO run.";
            return;
        }
        _run = summary.Run;
        _job = summary.Job;
        // Subscribe before reading what is stored, so no round falls between the two.
        _liveUpdates = new LiveTraceUpdates(Feed, runId, ApplyLiveAsync);
        foreach (var trace in Feed.Latest(runId))
            _traces[trace.ItemKey] = trace;
        await LoadStoredAsync();
    }

    private async Task LoadStoredAsync()
    {
        foreach (var trace in await LongMabRunTraces.LoadAsync(Runs, _run!.Id))
            _traces[trace.ItemKey] = trace;
        _shown ??= _traces.Keys.FirstOrDefault();
        if (_run.FinishedAt is not null)
        {
            _status = (await Verification.StatusAsync(_run.Id)).ToDictionary(s => s.Generated.ItemKey, StringComparer.Ordinal);
            _projectId = await Verification.ExistingProjectIdAsync(_run.Id);
        }
    }

    private Task ApplyLiveAsync(IReadOnlyList<LongMabTrace> traces) => InvokeAsync(() =>
    {
        foreach (var trace in traces)
            _traces[trace.ItemKey] = trace;
        _shown ??= traces[0].ItemKey;
        StateHasChanged();
    });

    private Task OnJobsChangedAsync(IReadOnlyList<JobSnapshot> snapshots) => InvokeAsync(async () =>
    {
        var mine = snapshots.FirstOrDefault(s => s.Id == _run?.JobId);
        if (mine is null)
            return;
        _job = mine;
        if (mine.IsFinished)
        {
            _run = await Runs.GetAsync(_run!.Id);
            await LoadStoredAsync();
        }
        StateHasChanged();
    });

    private async Task VerifyAsync()
    {
        _error = null;
        _busy = true;
        try
        {
            var user = AuthenticationState is null ? null : (await AuthenticationState).User;
            // Creating a project changes shared data: checked here, not only by the hidden button.
            Core.Accounts.WorkbenchPolicies.Demand(user, Core.Accounts.WorkbenchPolicies.Curate);
            var userId = user?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? user?.Identity?.Name ?? "";
            var project = await Verification.CreateProjectAsync(_run!.Id, userId);
            _projectId = project.Id;
            _status = (await Verification.StatusAsync(_run.Id)).ToDictionary(s => s.Generated.ItemKey, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is EvalRunException or Core.Annotation.Projects.ProjectValidationException)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private static string Short(string text) => text.Length <= 70 ? text : text[..70] + "…";

    public void Dispose()
    {
        _jobUpdates?.Dispose();
        _liveUpdates?.Dispose();
    }
}
