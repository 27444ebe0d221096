using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>The four methods compared in a study, built over one model and one set of options.</summary>
public static class CounterfactualMethods
{
    /// <summary>The command-line names of the methods, in the order of <see cref="All"/>.</summary>
    public static readonly IReadOnlyList<string> Keys = ["raw", "value-prompt", "couple", "couple-no-graph"];

    public static IReadOnlyList<ICounterfactualMethod> All(ILanguageModel model, CoupleOptions options) =>
    [
        new RawMethod(model, options),
        new ValuePromptMethod(model, options),
        new CoupleMethod(model, options, useGraph: true),
        new CoupleMethod(model, options, useGraph: false),
    ];

    /// <summary>The method with command-line name <paramref name="key"/> (see <see cref="Keys"/>, case-insensitive).</summary>
    public static ICounterfactualMethod Create(string key, ILanguageModel model, CoupleOptions options) => key.Trim().ToLowerInvariant() switch
    {
        "raw" => new RawMethod(model, options),
        "value-prompt" => new ValuePromptMethod(model, options),
        "couple" => new CoupleMethod(model, options, useGraph: true),
        "couple-no-graph" => new CoupleMethod(model, options, useGraph: false),
        _ => throw new ArgumentException($"Unknown method '{key}'. Use one of: {string.Join(", ", Keys)}.", nameof(key)),
    };
}
