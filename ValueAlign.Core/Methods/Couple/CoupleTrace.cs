using System.Diagnostics;
using System.Text.Json;
using ValueAlign.Core.Methods.Structured;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>The causal trace of one run: its steps in order. Steps are recorded by <see cref="StepRecorder"/>.</summary>
/// <remarks>With a <see cref="Progress"/> sink, steps, calls and generated pieces are also reported live.</remarks>
public sealed class CoupleTrace(IProgress<CounterfactualProgress>? progress = null)
{
    private readonly List<TraceStep> steps = [];

    public IProgress<CounterfactualProgress>? Progress => progress;

    public IReadOnlyList<TraceStep> Steps => steps;

    /// <summary>Every error of every step, prefixed with the step's name.</summary>
    public IReadOnlyList<string> Errors => steps.SelectMany(s => s.Errors.Select(e => $"{s.Name}: {e}")).ToArray();

    public TraceStep? Find(string name) => steps.FirstOrDefault(s => s.Name == name);

    public StepRecorder Begin(string name)
    {
        progress?.Report(new CounterfactualProgress(CounterfactualProgressKind.StepStarted, name));
        return new(this, name);
    }

    internal void Add(TraceStep step)
    {
        steps.Add(step);
        progress?.Report(new CounterfactualProgress(CounterfactualProgressKind.StepFinished, step.Name));
    }
}

/// <summary>Collects the calls and errors of one step while it runs; <see cref="Finish"/> adds it to the trace with its timing.</summary>
public sealed class StepRecorder
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private readonly CoupleTrace trace;
    private readonly string name;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<ModelCall> calls = [];
    private readonly List<string> errors = [];

    internal StepRecorder(CoupleTrace trace, string name)
    {
        this.trace = trace;
        this.name = name;
    }

    public void Call(ModelCall call) => calls.Add(call);

    /// <summary>Reports that a model call of this step begins (for live views; the call is recorded by <see cref="Call"/> when done).</summary>
    public void CallStarted(string purpose, int attempt) =>
        trace.Progress?.Report(new CounterfactualProgress(CounterfactualProgressKind.CallStarted, name, purpose, attempt));

    /// <summary>Reports a piece of a running call's output.</summary>
    public void Streamed(string purpose, int attempt, string piece) =>
        trace.Progress?.Report(new CounterfactualProgress(CounterfactualProgressKind.Token, name, purpose, attempt, piece));

    public void Error(string message) => errors.Add(message);

    public bool HasErrors => errors.Count > 0;

    public TraceStep Finish(object? parsed)
    {
        var step = new TraceStep(name, calls.ToArray(), JsonSerializer.Serialize(parsed, Indented), clock.Elapsed, errors.ToArray());
        trace.Add(step);
        return step;
    }
}
