using Microsoft.AspNetCore.Components;
using MudBlazor;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Couple;
using ValueAlign.Core.Methods.Couple.Inspection;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives;
using ValueAlign.Core.Values.Objectives.Store;
using ValueAlign.Web.Components.Shared;
using ValueAlign.Web.Counterfactuals;

namespace ValueAlign.Web.Components.Pages.Counterfactuals;

/// <summary>
/// The counterfactual inspector. Running uses the one shared model (every user's requests queue
/// behind each other), so only curators and admins may open the page; viewers and annotators do
/// not see it in the menu and are refused at the URL. Every model call of the page (generate,
/// attribute, run) is cancellable: the token reaches each model call, and leaving the page cancels.
/// </summary>
public sealed partial class CounterfactualsPage : IDisposable
{
    internal const string BeforeColor = "#1976d2";
    internal const string TargetColor = "#616161";
    internal const string AfterColor = "#e65100";

    private enum Work { None, Generating, Attributing, Running }

    /// <summary>An attribution of (question, response) under a system; reused as "before" by the baselines when the inputs are unchanged.</summary>
    private sealed record Attribution(ValueSystem System, string Question, string Response, AttributedProfile Profile);

    /// <summary>A finished run as the page shows it: the inspection and who judged it.</summary>
    private sealed record InspectorRun(CounterfactualInspection Inspection, string Judging)
    {
        public CounterfactualRequest Request => Inspection.Request;

        public CounterfactualResult Result => Inspection.Result;

        public IReadOnlyList<DiffSegment> Diff => Inspection.Diff;

        public EvaluationResult? Before => Inspection.Before;
    }

    /// <summary>Forwards progress from the pipeline's threads onto the circuit's dispatcher, in order.</summary>
    private sealed class LiveProgress(Action<CounterfactualProgress> apply) : IProgress<CounterfactualProgress>
    {
        public void Report(CounterfactualProgress value) => apply(value);
    }

    private ValueSystem _system = default!;
    /// <summary>The target being edited: the chosen system at default priorities, or a loaded saved objective (its importance and graph overrides kept for the run).</summary>
    private ValueObjective _objective = default!;
    private string _method = "couple";
    private string _question = "";
    private string _response = "";
    private Work _busy;
    private CancellationTokenSource? _cts;
    private Attribution? _attributed;
    private InspectorRun? _result;
    private string _liveStep = "";
    private string _live = "";
    private string? _message;
    private Severity _messageSeverity = Severity.Info;

    [Inject] private IInspectorModel InspectorModel { get; set; } = default!;
    [Inject] private CounterfactualInspector Inspector { get; set; } = default!;
    [Inject] private ModelHost Host { get; set; } = default!;
    [Inject] private ValueSystemCatalog Catalog { get; set; } = default!;
    [Inject] private ObjectiveStore Objectives { get; set; } = default!;

    private IReadOnlyList<ObjectiveSummary> _saved = [];
    private long? _savedId;

    private ILanguageModel? Model => InspectorModel.Current;

    /// <summary>Path of the loaded model picked as judge; null (or a model no longer loaded) means the model judges itself.</summary>
    private string? _judgePath;

    /// <summary>The model that attributes priorities and evaluates: the picked judge, else the model itself.</summary>
    private ILanguageModel? Judge => InspectorModel.Loaded.FirstOrDefault(m => m.Description.Path == _judgePath && !ReferenceEquals(m, Model));

    private IEnumerable<ILanguageModel> JudgeCandidates => InspectorModel.Loaded.Where(m => !ReferenceEquals(m, Model));

    private bool Busy => _busy != Work.None;

    protected override async Task OnInitializedAsync()
    {
        SetSystem(Catalog.Find("schwartz-10") ?? Catalog.All[0]);
        Host.StateChanged += OnHostStateChanged;
        _saved = await Objectives.ListAsync();
    }

    /// <summary>Loads a saved objective's newest version: its system and priorities go into the editor; importance and graph overrides are kept for the run.</summary>
    private async Task LoadSavedAsync(long? id)
    {
        _savedId = id;
        if (id is null || await Objectives.GetAsync(id.Value) is not { } stored || Catalog.Find(stored.Objective.ValueSystemId) is not { } system)
        {
            return;
        }
        _system = system;
        _objective = stored.Objective;
    }

    private void OnHostStateChanged(ModelHostState state) => _ = InvokeAsync(StateHasChanged);

    private void SetSystem(ValueSystem system)
    {
        _system = system;
        _objective = ValueObjective.FromVector(system, system.Dimensions.Select(_ => PriorityList.DefaultPriority).ToArray());
    }

    private void OnSystemChanged(string id)
    {
        if (Catalog.Find(id) is { } system)
        {
            SetSystem(system);
            _savedId = null;
        }
    }

    private void OnItemPicked(InspectionItem item)
    {
        _question = item.Question;
        _response = item.Response ?? "";
        _attributed = null;
        _result = null;
        _message = item.Response is null ? "This item has no response: generate one with the model or write one." : null;
        _messageSeverity = Severity.Info;
    }

    /// <summary>The edited objective with its priorities in the system's order (importance weights and graph overrides of a loaded one kept).</summary>
    private ValueObjective Target() => _objective with { Priorities = _objective.InSystemOrder(_system) };

    private IReadOnlyList<double> TargetVector(ValueSystem system) =>
        system.Id == _system.Id
            ? _objective.InSystemOrder(system).Select(p => (double)p.Priority).ToArray()
            : system.Dimensions.Select(_ => (double)PriorityList.DefaultPriority).ToArray();

    private static IReadOnlyList<(string Id, string Name)> Dimensions(ValueSystem system) => system.Dimensions.Select(d => (d.Id, d.Name)).ToArray();

    private static ValueProfileTrace Trace(string name, ValueSystem system, IReadOnlyList<double> values, string color, bool filled = false, bool dashed = false) =>
        new(name, system.Dimensions.Select((d, i) => (d.Id, values[i])).ToDictionary(x => x.Id, x => x.Item2), color) { Filled = filled, Dashed = dashed };

    private static IReadOnlyList<ValueProfileTrace> ResultProfiles(InspectorRun run)
    {
        var system = run.Request.System;
        var profiles = new List<ValueProfileTrace>();
        if (run.Before is { } before)
        {
            profiles.Add(Trace("attributed before", system, before.Profile.Expectations, BeforeColor, filled: true));
        }
        profiles.Add(Trace("target", system, run.Inspection.Target, TargetColor, dashed: true));
        if (run.Inspection.After is { } after)
        {
            profiles.Add(Trace("attributed after", system, after.Profile.Expectations, AfterColor));
        }
        return profiles;
    }

    private static string Metric(double? value) =>
        value is not { } v ? "–" : double.IsNaN(v) ? "undefined" : v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);

    private CancellationToken Begin(Work work)
    {
        _cts?.Dispose();
        _cts = new CancellationTokenSource();
        _busy = work;
        _message = null;
        _live = "";
        _liveStep = "";
        return _cts.Token;
    }

    private void End()
    {
        _busy = Work.None;
        _cts?.Dispose();
        _cts = null;
    }

    private void Cancel() => _cts?.Cancel();

    private void Show(string message, Severity severity)
    {
        _message = message;
        _messageSeverity = severity;
    }

    private LiveProgress Progress() => new(e => _ = InvokeAsync(() =>
    {
        switch (e.Kind)
        {
            case CounterfactualProgressKind.StepStarted:
                _liveStep = e.Step + "…";
                break;
            case CounterfactualProgressKind.CallStarted:
                _liveStep = $"{e.Step}: {e.Purpose}{(e.Attempt > 1 ? " (retry under a stricter grammar)" : "")}";
                _live = "";
                break;
            case CounterfactualProgressKind.Token:
                _live += e.Piece;
                break;
        }
        StateHasChanged();
    }));

    private async Task GenerateResponseAsync()
    {
        if (Model is not { } model)
        {
            return;
        }
        var token = Begin(Work.Generating);
        _response = "";
        _attributed = null;
        _liveStep = "Generating the original response…";
        try
        {
            await foreach (var piece in Inspector.AnswerAsync(model, _question, token))
            {
                _response += piece;
                StateHasChanged();
            }
            _response = _response.Trim();
            if (_response.Length == 0)
            {
                Show("The model produced no text. Try again with another question, or write a response.", Severity.Warning);
            }
        }
        catch (OperationCanceledException)
        {
            Show("Generation stopped.", Severity.Info);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            Show($"Generation failed: {e.Message}", Severity.Error);
        }
        finally
        {
            End();
        }
    }

    private async Task AttributeAsync()
    {
        var token = Begin(Work.Attributing);
        try
        {
            await AttributeOriginalAsync(token);
        }
        catch (OperationCanceledException)
        {
            Show("Attribution stopped.", Severity.Info);
        }
        finally
        {
            End();
        }
    }

    /// <summary>Attributes the current (question, response) under the selected system; null (with the errors shown) when the judge's output stayed malformed.</summary>
    private async Task<Attribution?> AttributeOriginalAsync(CancellationToken token)
    {
        var (system, question, response) = (_system, _question.Trim(), _response.Trim());
        if (_attributed is { } known && known.System.Id == system.Id && known.Question == question && known.Response == response)
        {
            return known;
        }
        var attribution = await Inspector.AttributeAsync(Judge ?? Model!, system, question, response, Progress(), token);
        if (attribution.Profile is not { } profile)
        {
            Show("Attribution failed: " + string.Join(" ", attribution.Errors), Severity.Error);
            return null;
        }
        _attributed = new Attribution(system, question, response, profile);
        return _attributed;
    }

    private async Task RunAsync()
    {
        if (Model is not { } model)
        {
            return;
        }
        var token = Begin(Work.Running);
        _result = null;
        try
        {
            var request = new CounterfactualRequest(_system, Target(), _question.Trim(), _response.Trim(), Progress());
            // COUPLE attributes the original itself (abduction); the baselines do not, so the page does it first for the "before" profile.
            var before = CounterfactualMethodCatalog.Get(_method).AbductsOriginal ? null : await AttributeOriginalAsync(token);
            var inspection = await Inspector.InspectAsync(_method, new InspectionModels(model, Judge), request, before?.Profile, token);
            _result = new InspectorRun(inspection, Judge is { } judge ? $"judged by {judge.Identity.Display}" : RunJudge.SelfJudgedLabel);
            if (inspection.Result.Abduction is { } abduction)
            {
                _attributed = new Attribution(request.System, request.Question, request.Response!, abduction.Profile);
            }
        }
        catch (OperationCanceledException)
        {
            Show("Run cancelled: the model work was stopped.", Severity.Info);
        }
        catch (InvalidObjectiveException e)
        {
            Show(string.Join(" ", e.Problems), Severity.Error);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            Show($"The run failed: {e.Message}", Severity.Error);
        }
        finally
        {
            End();
        }
    }

    public void Dispose()
    {
        Host.StateChanged -= OnHostStateChanged;
        _cts?.Cancel();
    }
}
