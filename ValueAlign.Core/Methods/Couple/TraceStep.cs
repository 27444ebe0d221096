using ValueAlign.Core.Methods.Structured;
namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// One step of a counterfactual run (Abduction, Action, Prediction, Evaluation, or a baseline's
/// Generation): every model call it made, its parsed result as indented JSON, its wall-clock time
/// and the errors it recorded instead of throwing.
/// </summary>
public sealed record TraceStep(
    string Name,
    IReadOnlyList<ModelCall> Calls,
    string ParsedResult,
    TimeSpan Elapsed,
    IReadOnlyList<string> Errors)
{
    /// <summary>The prompt of the step's first call (empty for steps that call no model, such as a met objective's Action).</summary>
    public string Prompt => Calls.Count > 0 ? Calls[0].Prompt : "";

    /// <summary>The raw output of the step's last call.</summary>
    public string RawOutput => Calls.Count > 0 ? Calls[^1].RawOutput : "";
}
