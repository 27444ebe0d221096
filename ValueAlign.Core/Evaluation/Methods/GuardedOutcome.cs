using ValueAlign.Core.Methods.Structured;

namespace ValueAlign.Core.Evaluation.Methods;

/// <summary>Unit outcomes from a guarded JSON generation: the raw output keeps every attempt, so a retry is visible on the run page.</summary>
public static class GuardedOutcome
{
    public const string RetryMarker = "\n[retry under a stricter grammar]\n";

    public static string Raw(GuardedJsonResult result) => string.Join(RetryMarker, result.Calls.Select(c => c.RawOutput));

    /// <summary>The unit's error outcome after the retry failed: prompt and raw output kept, no scores.</summary>
    public static EvalUnitOutcome Failed(GuardedJsonResult result) =>
        new(result.Prompt, Raw(result), null, new Dictionary<string, double>(), Error: result.Error);
}
