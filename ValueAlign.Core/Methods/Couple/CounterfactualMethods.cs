using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// The methods compared in a study, built over one model and one set of options. The judge
/// attributes value priorities and evaluates results; without one the model judges itself.
/// </summary>
public static class CounterfactualMethods
{
    /// <summary>The command-line names of the methods, in the order of <see cref="All"/>.</summary>
    public static readonly IReadOnlyList<string> Keys = ["raw", "value-prompt", "couple", "couple-no-graph", "couple-no-scm"];

    public static IReadOnlyList<ICounterfactualMethod> All(ILanguageModel model, CoupleOptions options, ILanguageModel? judge = null) =>
        Keys.Select(k => Create(k, model, options, judge)).ToArray();

    /// <summary>The method with command-line name <paramref name="key"/> (see <see cref="Keys"/>, case-insensitive).</summary>
    public static ICounterfactualMethod Create(string key, ILanguageModel model, CoupleOptions options, ILanguageModel? judge = null) => key.Trim().ToLowerInvariant() switch
    {
        "raw" => new RawMethod(model, options, judge),
        "value-prompt" => new ValuePromptMethod(model, options, judge),
        "couple" => new CoupleMethod(model, options, useGraph: true, judge: judge),
        "couple-no-graph" => new CoupleMethod(model, options, useGraph: false, judge: judge),
        "couple-no-scm" => new CoupleMethod(model, options, useGraph: false, useScm: false, judge: judge),
        _ => throw new ArgumentException($"Unknown method '{key}'. Use one of: {string.Join(", ", Keys)}.", nameof(key)),
    };
}
