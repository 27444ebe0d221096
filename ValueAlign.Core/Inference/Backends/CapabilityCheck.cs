namespace ValueAlign.Core.Inference.Backends;

/// <summary>
/// Compares what a method needs with what the chosen models offer, at run creation, so a run
/// that cannot work is refused before it starts, with the missing capability and the documented
/// alternative named.
/// </summary>
public static class CapabilityCheck
{
    /// <summary>The single capability flags of <paramref name="needed"/> that <paramref name="offered"/> lacks, in flag order.</summary>
    public static IReadOnlyList<ModelCapabilities> Missing(ModelCapabilities needed, ModelCapabilities offered) =>
        Enum.GetValues<ModelCapabilities>()
            .Where(f => f != ModelCapabilities.None && IsSingleFlag(f) && needed.HasFlag(f) && !offered.HasFlag(f))
            .ToList();

    /// <summary>
    /// Null when the model (and the judge, the model itself when <paramref name="judge"/> is null)
    /// offer everything <paramref name="needs"/> lists; otherwise the message for the user.
    /// </summary>
    public static string? Problem(string method, MethodNeeds needs, ResolvedModel model, ResolvedModel? judge)
    {
        ArgumentNullException.ThrowIfNull(needs);
        ArgumentNullException.ThrowIfNull(model);
        var problems = new List<string>();
        Describe(problems, method, needs, needs.Model, model, "the evaluated model");
        if (needs.Judges)
            Describe(problems, method, needs, needs.Judge, judge ?? model, judge is null ? "the evaluated model (judging itself)" : "the judge");
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }

    /// <summary>Throws <see cref="ModelChoiceException"/> with <see cref="Problem"/>'s message when something is missing.</summary>
    public static void Require(string method, MethodNeeds needs, ResolvedModel model, ResolvedModel? judge)
    {
        if (Problem(method, needs, model, judge) is { } problem)
            throw new ModelChoiceException(problem);
    }

    /// <summary>Words for one capability, as messages and the Models page show it.</summary>
    public static string Name(ModelCapabilities capability) => capability switch
    {
        ModelCapabilities.Generation => "text generation",
        ModelCapabilities.ContinuationLogLikelihood => "continuation log-likelihood",
        ModelCapabilities.TopLogProbs => "next-token log-probs",
        ModelCapabilities.Grammar => "grammar-constrained output",
        ModelCapabilities.JsonSchema => "JSON-schema constrained output",
        ModelCapabilities.Embeddings => "embeddings",
        ModelCapabilities.Images => "image input",
        ModelCapabilities.Tokenization => "tokenization",
        _ => string.Join(", ", Missing(capability, ModelCapabilities.None).Select(Name)),
    };

    /// <summary>Every capability of <paramref name="capabilities"/> in words, comma-separated.</summary>
    public static string Names(ModelCapabilities capabilities) =>
        capabilities == ModelCapabilities.None ? "none" : string.Join(", ", Missing(capabilities, ModelCapabilities.None).Select(Name));

    private static void Describe(List<string> problems, string method, MethodNeeds needs, ModelCapabilities needed, ResolvedModel model, string role)
    {
        foreach (var missing in Missing(needed, model.Capabilities))
        {
            var alternative = needs.AlternativeTo(missing);
            problems.Add($"{method} needs {Name(missing)} from {role}, and {model.Ref.Display} does not offer it."
                + (alternative is null ? "" : $" Alternative: {alternative}."));
        }
    }

    private static bool IsSingleFlag(ModelCapabilities value) => ((int)value & ((int)value - 1)) == 0;
}
