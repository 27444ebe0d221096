namespace ValueAlign.Core.Methods.Structured;

/// <summary>One request to the model inside a pipeline step: what was sent, what came back, how long it took, and what went wrong.</summary>
/// <param name="Purpose">What the call is for, e.g. "rating" or "concept: power".</param>
/// <param name="Attempt">1 for the first try, 2 for the retry under the stricter grammar.</param>
/// <param name="Grammar">The GBNF grammar the output was constrained by, if any.</param>
public sealed record ModelCall(
    string Purpose,
    int Attempt,
    string Prompt,
    string? Grammar,
    string RawOutput,
    TimeSpan Elapsed,
    string? Error);
