namespace ValueAlign.Core.Methods.Couple.Inspection;

/// <summary>
/// One counterfactual method as the inspector, the study and the verb present it: its command-line
/// key, a display label, a one-line help, and whether it attributes the original itself (COUPLE's
/// abduction) or needs a separate attribution for a "before" profile (the baselines).
/// </summary>
public sealed record CounterfactualMethodInfo(string Key, string Label, string Help, bool AbductsOriginal);

/// <summary>The method catalogue, in the order the inspector offers the methods (COUPLE first).</summary>
public static class CounterfactualMethodCatalog
{
    public static IReadOnlyList<CounterfactualMethodInfo> All { get; } =
    [
        new("couple", "COUPLE",
            "Abduction (attribute the profile and value concepts), action (deviation, graph-aware interventions), prediction (rewrite keeping the non-value content), evaluation.", true),
        new("couple-no-graph", "COUPLE without graph",
            "COUPLE with the relation graph ignored: no neighbour influence and no neighbour notes (ablation).", true),
        new("couple-no-scm", "COUPLE without SCM",
            "COUPLE without the structural causal model: the profile is attributed and the shifts planned, but no value concepts, no graph and no counterfactual concepts; the response is rewritten directly from the shifts (ablation).", true),
        new("value-prompt", "Value Prompt", "Baseline: the target priorities are stated in the prompt and the model rewrites the response.", false),
        new("raw", "Raw", "Baseline: the original response unchanged, scored against the target.", false),
    ];

    /// <summary>The method with key <paramref name="key"/> (case-insensitive); an unknown key names the known ones.</summary>
    public static CounterfactualMethodInfo Get(string key) =>
        All.FirstOrDefault(m => string.Equals(m.Key, key.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown method '{key}'. Use one of: {string.Join(", ", CounterfactualMethods.Keys)}.", nameof(key));
}
