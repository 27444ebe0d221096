using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>The four methods compared in a study, built over one model and one set of options.</summary>
public static class CounterfactualMethods
{
    public static IReadOnlyList<ICounterfactualMethod> All(ILanguageModel model, CoupleOptions options) =>
    [
        new RawMethod(model, options),
        new ValuePromptMethod(model, options),
        new CoupleMethod(model, options, useGraph: true),
        new CoupleMethod(model, options, useGraph: false),
    ];
}
