using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Guidelines;
using ValueAlign.Core.Annotation.Model;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Preference;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Web.Components.Shared;

namespace ValueAlign.Web.Components.Pages.Annotate;

/// <summary>
/// An annotator's queue in one project, keyboard first (keys: <see cref="AnnotateKeyMap"/>). The page
/// holds the view state only: what an item shows comes from Core's <see cref="NextItemViewBuilder"/>,
/// and submits go through a <see cref="SubmitQueue"/> that keeps each one in the browser's
/// sessionStorage until it is stored, retries failures with backoff (and by the Retry button), and
/// after a reload sends it again (idempotent: one annotation per reservation). The next item shows
/// only once a submit is settled; a failed one stays on screen, read-only.
/// </summary>
public partial class AnnotatePage
{
    public enum PageState { Loading, NotFound, Annotating, Empty, Expired }

    [Parameter] public long ProjectId { get; set; }

    /// <summary>Backoff of automatic submit retries (tests shorten it).</summary>
    [Parameter] public SubmitRetry Retry { get; set; } = SubmitRetry.Default;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private VerificationProjectService Projects { get; set; } = default!;
    [Inject] private AssignmentService Assignments { get; set; } = default!;
    [Inject] private NextItemViewBuilder ItemViews { get; set; } = default!;
    [Inject] private GuidelinesRenderer GuidelinesRenderer { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private PageState _state = PageState.Loading;
    private VerificationProject? _project;
    private LabelSchema? _schema;

    /// <summary>The answer order shown for a preference pair (AB or BA, recorded with the answer); null for other items.</summary>
    private string? _presentation;
    private string _guidelinesHtml = "";
    private string _annotator = "";
    private bool _showGuidelines;

    private Assignment? _assignment;
    private ItemView? _view;
    private IReadOnlyList<ItemView> _variants = [];
    private IReadOnlyList<PeerAnswers> _peers = [];
    private AnnotationDraft? _draft;
    private IReadOnlyList<LabelQuestion>? _missing;
    private AnnotateItemPanel? _itemPanel;
    private ItemTimer _timer = default!;
    private bool _tabHidden;

    private SubmitQueue _submits = default!;

    private string? _expiredMessage;
    private CarriedAnswers? _expiredAnswers;
    private string? _error;
    private IDialogReference? _help;

    private AnnotatorProgress? _mine;
    private ProjectProgress? _overall;

    private IJSObjectReference? _module;
    private IJSObjectReference? _listener;
    private DotNetObjectReference<AnnotatePage>? _self;
    private bool _disposed;

    public PageState State => _state;

    private string Subtitle => (_project!.BlindMode ? "Blind: you see no one else's labels." : "Not blind: other annotators' labels are shown.")
        + " Press ? for the keys.";

    private double MyProgressPercent => _overall is { Items: > 0 } o && _mine is { } m ? Math.Min(100, 100.0 * m.Submitted / o.Items) : 0;

    private string MyProgressText => _mine is { } m && _overall is { } o
        ? $"You: {m.Submitted} of {o.Items} item(s) labelled, {m.Skipped} skipped"
        : "You: …";

    private double ProjectProgressPercent => _overall is { } o ? 100 * o.Fraction : 0;

    private string ProjectProgressText => _overall is { } o
        ? $"Project: {o.Annotations} of {o.Target} label(s), {o.CompleteItems} of {o.Items} item(s) complete"
        : "Project: …";

    protected override async Task OnInitializedAsync()
    {
        _timer = new ItemTimer(Clock);
        _submits = new SubmitQueue(
            pending => Assignments.SubmitInProjectAsync(pending.ProjectId, pending.ReservationId, _annotator, AnnotationAnswers.FromJson(pending.AnswersJson), pending.TimeSpentMs),
            new BrowserPendingSubmitStore(JsAsync),
            Retry,
            Clock,
            new SubmitQueue.Callbacks(OnSubmitSettledAsync, work => InvokeAsync(async () =>
            {
                await work();
                StateHasChanged();
            }), StateHasChanged));
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        _annotator = user?.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        if (_annotator.Length == 0)
        {
            Fail("Your sign-in carries no user id; sign out and in again.");
            return;
        }
        try
        {
            // A non-member learns nothing of the project, not even whether it exists.
            _project = await Projects.GetForMemberAsync(ProjectId, _annotator);
            if (_project is null)
            {
                Fail($"You have no verification project {ProjectId}: it does not exist or you are not one of its annotators. Ask a curator for the link to your project.");
                return;
            }
            _schema = LabelSchema.FromJson(_project.LabelSchemaJson);
            _guidelinesHtml = GuidelinesRenderer.ToHtml(_project.GuidelinesMarkdown);
        }
        catch (LabelSchemaException e)
        {
            _project = null;
            Fail($"The project's label schema cannot be used: {e.Message}");
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || _schema is null)
        {
            return;
        }
        // Items are served only once the page is interactive (not during prerendering), and only
        // after a pending submit from an earlier circuit had its chance.
        _self = DotNetObjectReference.Create(this);
        PendingSubmit? pending = null;
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./annotate.js");
            if (_module is not null)
            {
                _listener = await _module.InvokeAsync<IJSObjectReference>("listen", _self);
                pending = PendingSubmit.FromJson(await _module.InvokeAsync<string?>("readPending", PendingSubmit.StorageKey(ProjectId)), ProjectId);
            }
        }
        catch (JSException e)
        {
            _error = $"Keyboard shortcuts are unavailable ({e.Message}); the buttons still work.";
        }
        if (pending is not null)
        {
            await RestorePendingAsync(pending);
        }
        else
        {
            await LoadNextAsync();
        }
        StateHasChanged();
    }

    /// <summary>A key from annotate.js (see <see cref="AnnotateKeyMap"/> for what each does).</summary>
    [JSInvokable]
    public async Task OnKeyAsync(string key, bool typing, bool shift, bool ctrl)
    {
        if (_help is not null)
        {
            // Only Escape and ? reach the page while the keys dialog is open: both close it.
            if (key is "Escape" or "?")
            {
                _help.Close();
                _help = null;
            }
            return;
        }
        var command = AnnotateKeyMap.Resolve(_state == PageState.Annotating ? _draft : null, key, typing, shift, ctrl);
        switch (command.Action)
        {
            case AnnotateAction.Help:
                await ShowHelpAsync();
                return;
            case AnnotateAction.Guidelines:
                ToggleGuidelines();
                break;
            case AnnotateAction.Zoom:
                _itemPanel?.ZoomFirstImage();
                break;
            case AnnotateAction.Submit when _state == PageState.Expired:
                await NextAfterExpiryAsync();
                break;
            case AnnotateAction.Submit:
                await SubmitAsync();
                break;
            case AnnotateAction.Skip:
                await SkipAsync();
                break;
            case AnnotateAction.Undo:
                await UndoAsync();
                break;
            case AnnotateAction.Choose when _draft is not null:
                await ChooseAsync(_draft.Focused.Key, command.Value!);
                break;
            case AnnotateAction.ToggleFlag:
                ToggleFlag(command.Value!);
                break;
            case AnnotateAction.NextQuestion or AnnotateAction.PreviousQuestion when _draft is not null && _submits.Pending is null:
                if (command.Action == AnnotateAction.NextQuestion) _draft.FocusNext(); else _draft.FocusPrevious();
                if (_draft.Focused.Kind == QuestionKind.FreeText)
                {
                    await JsAsync("focusText", _draft.Focused.Key);
                }
                break;
            default:
                return;
        }
        StateHasChanged();
    }

    /// <summary>From annotate.js: time while the tab is hidden does not count towards the item's time.</summary>
    [JSInvokable]
    public void OnVisibilityChanged(bool hidden)
    {
        _tabHidden = hidden;
        _timer.SetHidden(hidden);
    }

    private Task ChooseAsync(string questionKey, string value)
    {
        if (_draft is null || _submits.Pending is not null)
        {
            return Task.CompletedTask;
        }
        _draft.Choose(questionKey, value);
        RecheckMissing();
        return Task.CompletedTask;
    }

    private void SetText(string questionKey, string? text)
    {
        if (_draft is null || _submits.Pending is not null)
        {
            return;
        }
        _draft.SetText(questionKey, text);
        RecheckMissing();
    }

    private void ToggleFlag(string value)
    {
        if (_draft is null || _submits.Pending is not null)
        {
            return;
        }
        _draft.ToggleFlag(value);
    }

    private void RecheckMissing()
    {
        if (_missing is not null)
        {
            _missing = _draft!.Missing();
            if (_missing.Count == 0)
            {
                _missing = null;
            }
        }
    }

    private void ToggleGuidelines() => _showGuidelines = !_showGuidelines;

    private async Task ShowHelpAsync()
    {
        if (_schema is null)
        {
            return;
        }
        var help = await Dialogs.ShowAsync<KeysHelpDialog>("Keys",
            new DialogParameters<KeysHelpDialog> { { d => d.Schema, _schema } },
            new DialogOptions { CloseOnEscapeKey = true, CloseButton = true, MaxWidth = MaxWidth.Small, FullWidth = true });
        _help = help;
        _ = ForgetHelpWhenClosedAsync(help);
    }

    private async Task ForgetHelpWhenClosedAsync(IDialogReference help)
    {
        await help.Result;
        if (ReferenceEquals(_help, help))
        {
            _help = null;
        }
    }

    /// <summary>Enter: submit when every required question is answered, else say what is missing.</summary>
    private async Task SubmitAsync()
    {
        if (_submits.Pending is not null)
        {
            // Enter while an answer waits to be saved retries it now.
            await RetryNowAsync();
            return;
        }
        if (_state != PageState.Annotating || _draft is null || _assignment is null)
        {
            return;
        }
        var missing = _draft.Missing();
        if (missing.Count > 0)
        {
            _missing = missing;
            _draft.FocusOn(missing[0].Key);
            if (missing[0].Kind == QuestionKind.FreeText)
            {
                await JsAsync("focusText", missing[0].Key);
            }
            return;
        }
        _missing = null;
        var answers = _draft.ToAnswers() with { Presentation = _presentation };
        await _submits.SubmitAsync(new PendingSubmit(ProjectId, _assignment.ReservationId, _assignment.ItemId, answers.ToJson(), _timer.ElapsedMs));
    }

    private Task RetryNowAsync() => _submits.RetryNowAsync();

    /// <summary>A submit was stored (next item) or refused (an expired hold, or an error to show).</summary>
    private async Task OnSubmitSettledAsync(PendingSubmit pending, Exception? refusal)
    {
        switch (refusal)
        {
            case null:
                await LoadNextAsync();
                break;
            case AssignmentException e when e.Kind is AssignmentErrorKind.ReservationExpired or AssignmentErrorKind.ReservationNotHeld:
                ShowExpired(e.Message, new CarriedAnswers(pending.ItemId, AnnotationAnswers.FromJson(pending.AnswersJson)));
                break;
            case LabelSchemaException e:
                // The answers do not fit the schema (it changed?): nothing to retry; the annotator fixes them.
                _error = "The answers were refused: " + e.Message;
                break;
            default:
                _error = refusal.Message;
                break;
        }
    }

    /// <summary>A submit from an earlier page (reload, new circuit) that was not confirmed: show it and send it again.</summary>
    private async Task RestorePendingAsync(PendingSubmit pending)
    {
        await ShowAsync(await ItemViews.ForUnconfirmedSubmitAsync(_project!, _schema!, _annotator, pending.ReservationId, pending.ItemId, AnnotationAnswers.FromJson(pending.AnswersJson)));
        await _submits.RestoreAsync(pending);
    }

    private async Task SkipAsync()
    {
        if (_state != PageState.Annotating || _assignment is null || _submits.Pending is not null)
        {
            return;
        }
        try
        {
            await Assignments.SkipAsync(_assignment.ReservationId, _annotator);
            await LoadNextAsync();
        }
        catch (AssignmentException e) when (e.Kind is AssignmentErrorKind.ReservationExpired or AssignmentErrorKind.ReservationNotHeld)
        {
            ShowExpired(e.Message, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _error = "Skip failed: " + e.Message;
        }
    }

    private async Task UndoAsync()
    {
        if (_submits.Pending is not null || _state == PageState.Loading || _schema is null)
        {
            return;
        }
        try
        {
            var back = await Assignments.UndoLastAsync(ProjectId, _annotator);
            if (back is null)
            {
                Snackbar.Add("Nothing to undo: you have no submitted label in this project.", Severity.Info);
                return;
            }
            await ShowAsync(await ItemViews.ForAsync(_project!, _schema, _annotator, back, back.PreviousAnswers));
            Snackbar.Add("Your last submit was withdrawn: change the answers and submit again.", Severity.Info);
            await RefreshProgressAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _error = "Undo failed: " + e.Message;
        }
    }

    private async Task NextAfterExpiryAsync()
    {
        var carried = _expiredAnswers;
        _expiredAnswers = null;
        _expiredMessage = null;
        await LoadNextAsync(carried);
    }

    private void ShowExpired(string message, CarriedAnswers? answers)
    {
        _state = PageState.Expired;
        _expiredMessage = message;
        _expiredAnswers = answers;
        _assignment = null;
        _draft = null;
    }

    /// <summary>The annotator's next item; answers given to an expired hold come back if the same item is served again.</summary>
    private async Task LoadNextAsync(CarriedAnswers? carried = null)
    {
        try
        {
            await ShowAsync(await ItemViews.NextAsync(_project!, _schema!, _annotator, carried));
        }
        catch (AssignmentException e)
        {
            Fail(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _error = "Could not get the next item: " + e.Message + " Reload the page to try again.";
        }
        await RefreshProgressAsync();
    }

    private async Task ShowAsync(NextItemView? next)
    {
        _missing = null;
        if (next is null)
        {
            _assignment = null;
            _view = null;
            _draft = null;
            _state = PageState.Empty;
            return;
        }
        _assignment = next.Assignment;
        _view = ItemView.From(next.Item);
        _variants = next.Variants.Select(ItemView.From).ToList();
        _peers = next.Peers;
        _presentation = next.Presentation;
        _draft = new AnnotationDraft(next.Schema, next.Answers);
        _state = PageState.Annotating;
        _timer.Start(_tabHidden);
        // A caret left in the previous item's comment box would swallow the keys.
        await JsAsync("leaveTextBox");
    }

    private async Task RefreshProgressAsync()
    {
        try
        {
            _mine = await Assignments.MyProgressAsync(ProjectId, _annotator);
            _overall = await Assignments.ProjectProgressAsync(ProjectId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Progress is a courtesy; the queue itself reports real problems.
            _mine = null;
            _overall = null;
        }
    }

    private void Fail(string message)
    {
        _state = PageState.NotFound;
        _error = message;
    }

    /// <summary>Calls annotate.js; a missing module or a dropped circuit must not break the page.</summary>
    private async Task JsAsync(string function, params object?[] args)
    {
        if (_module is null || _disposed)
        {
            return;
        }
        try
        {
            await _module.InvokeVoidAsync(function, args);
        }
        catch (JSDisconnectedException)
        {
        }
        catch (JSException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _submits?.Dispose();
        try
        {
            if (_listener is not null)
            {
                await _listener.InvokeVoidAsync("dispose");
                await _listener.DisposeAsync();
            }
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the listeners with the page.
        }
        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
