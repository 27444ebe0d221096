using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>The command-line and stored ids of the four counterfactual methods, and their construction.</summary>
public static class CounterfactualMethodIds
{
    public const string Couple = "couple";
    public const string CoupleWithoutGraph = "couple-no-graph";
    public const string ValuePrompt = "value-prompt";
    public const string Raw = "raw";

    public static readonly IReadOnlyList<string> All = [Couple, CoupleWithoutGraph, ValuePrompt, Raw];

    public static ICounterfactualMethod Create(string id, ILanguageModel model, CoupleOptions options) => id switch
    {
        Couple => new CoupleMethod(model, options, useGraph: true),
        CoupleWithoutGraph => new CoupleMethod(model, options, useGraph: false),
        ValuePrompt => new ValuePromptMethod(model, options),
        Raw => new RawMethod(model, options),
        _ => throw new ArgumentException($"'{id}' is not a counterfactual method; use one of {string.Join(", ", All)}."),
    };
}
