namespace ValueAlign.Core.Evaluation;

/// <summary>
/// The result of one unit of a run (an item, or one rotation / questionnaire item of it). Unique
/// per (run, item, unit key), which is what makes resuming after a crash unable to duplicate.
/// </summary>
public sealed class EvalItemResult
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public long ItemId { get; set; }

    /// <summary>Distinguishes several units of one item, for example <c>rot2</c>; empty when an item is one unit.</summary>
    public string UnitKey { get; set; } = "";

    public string Prompt { get; set; } = "";

    public string RawOutput { get; set; } = "";

    public string? ParsedAnswer { get; set; }

    /// <summary>Named numeric scores as a JSON object, for example <c>{"correct":1,"logprob_A":-1.2}</c>.</summary>
    public string ScoresJson { get; set; } = "{}";

    public bool? Correct { get; set; }

    /// <summary>Set when the unit failed (malformed model output after retries, ...); the run goes on.</summary>
    public string? Error { get; set; }

    public double DurationMs { get; set; }

    /// <summary>True when copied from an earlier run with the same cache key, for the same item content.</summary>
    public bool FromCache { get; set; }

    /// <summary>
    /// The content key of the item when the unit was computed (<see cref="Caching.ItemContentKeys"/>):
    /// the cache reuses the result only for an item with the same key. Null for results stored
    /// before content keys existed (never reused).
    /// </summary>
    public string? ItemContentHash { get; set; }

    public DateTime CreatedAt { get; set; }
}
