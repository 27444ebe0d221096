using System.Diagnostics;
using System.Text.Json;
using ValueAlign.Core.Methods.Structured;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>The causal trace of one run: its steps in order. Steps are recorded by <see cref="StepRecorder"/>.</summary>
public sealed class CoupleTrace
{
    private readonly List<TraceStep> steps = [];

    public IReadOnlyList<TraceStep> Steps => steps;

    /// <summary>Every error of every step, prefixed with the step's name.</summary>
    public IReadOnlyList<string> Errors => steps.SelectMany(s => s.Errors.Select(e => $"{s.Name}: {e}")).ToArray();

    public TraceStep? Find(string name) => steps.FirstOrDefault(s => s.Name == name);

    public StepRecorder Begin(string name) => new(this, name);

    internal void Add(TraceStep step) => steps.Add(step);
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

    public void Error(string message) => errors.Add(message);

    public bool HasErrors => errors.Count > 0;

    public TraceStep Finish(object? parsed)
    {
        var step = new TraceStep(name, calls.ToArray(), JsonSerializer.Serialize(parsed, Indented), clock.Elapsed, errors.ToArray());
        trace.Add(step);
        return step;
    }
}
