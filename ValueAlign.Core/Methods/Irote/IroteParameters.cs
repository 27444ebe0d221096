using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Parameters;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Irote;

/// <summary>
/// An IROTE run's parameters: <c>trait</c> ("SYSTEM:dimension"), <c>scorer</c> (<c>judge</c>, the
/// default, or <c>questionnaire</c> for questionnaire items of the trait), <c>prompts</c> (N), and the
/// sizes of <see cref="IroteSettings"/> (<c>rounds</c>, <c>candidates</c>, <c>behaviours</c>,
/// <c>samples</c>, <c>keep</c>, <c>maxReflectionTokens</c>, <c>maxResponseTokens</c>, <c>temperature</c>).
/// </summary>
public sealed record IroteParameters(TargetValue Trait, string Scorer, int? Prompts, IroteSettings Settings)
{
    public const string JudgeScorer = "judge";
    public const string QuestionnaireScorer = "questionnaire";

    private static readonly IroteSettings Defaults = new();

    public static readonly ParameterSchema Schema = new(IroteMethod.MethodId,
    [
        MethodParameter.Text("trait", "big-five:agreeableness", "The target trait as SYSTEM:dimension, e.g. big-five:openness.") with { Preset = true, Required = true },
        MethodParameter.Choice("scorer", [JudgeScorer, QuestionnaireScorer], JudgeScorer, "judge: the judge rates responses for the trait; questionnaire: questionnaire items of the trait are scored by their rule.") with { Preset = true },
        MethodParameter.Integer("prompts", 1, null, 10, "N: task prompts drawn (with the seed) from the selected items.") with { Preset = true },
        MethodParameter.Integer("rounds", 1, null, Defaults.Rounds, "T: optimisation rounds.") with { Preset = true },
        MethodParameter.Integer("candidates", 1, null, Defaults.Candidates, "K: reflections the model writes before round 1.") with { Preset = true },
        MethodParameter.Integer("behaviours", 1, null, Defaults.Behaviours, "M1: behaviours asked for per reflection.") with { Preset = true },
        MethodParameter.Integer("samples", 1, null, Defaults.Samples, "M2: responses sampled per task prompt to measure evocativeness.") with { Preset = true },
        MethodParameter.Integer("keep", 1, null, Defaults.Keep, "Reflections kept at the end of each round.") with { Preset = true },
        MethodParameter.Integer("maxReflectionTokens", 1, null, Defaults.MaxReflectionTokens, "Every reflection is cut to this many tokens."),
        MethodParameter.Integer("maxResponseTokens", 1, null, Defaults.MaxResponseTokens, "Longest sampled response, in tokens."),
        MethodParameter.Number("temperature", 0, null, Math.Round(Defaults.Temperature, 6), "Sampling temperature."),
    ]);

    public static IroteParameters Parse(EvalSettings settings, ValueSystemCatalog systems)
    {
        Schema.Require(settings);
        var trait = TargetValue.Parse(systems, OptimisationParameters.Text(settings, "trait")
            ?? throw new ArgumentException("Give the target 'trait' as SYSTEM:dimension, for example big-five:openness."));
        var scorer = OptimisationParameters.Text(settings, "scorer") ?? JudgeScorer;
        if (scorer is not (JudgeScorer or QuestionnaireScorer))
            throw new ArgumentException($"IROTE's scorer must be '{JudgeScorer}' or '{QuestionnaireScorer}', not '{scorer}'.");
        var defaults = new IroteSettings();
        var irote = new IroteSettings
        {
            Rounds = OptimisationParameters.Int(settings, "rounds") ?? defaults.Rounds,
            Candidates = OptimisationParameters.Int(settings, "candidates") ?? defaults.Candidates,
            Behaviours = OptimisationParameters.Int(settings, "behaviours") ?? defaults.Behaviours,
            Samples = OptimisationParameters.Int(settings, "samples") ?? defaults.Samples,
            Keep = OptimisationParameters.Int(settings, "keep") ?? defaults.Keep,
            MaxReflectionTokens = OptimisationParameters.Int(settings, "maxReflectionTokens") ?? defaults.MaxReflectionTokens,
            MaxResponseTokens = OptimisationParameters.Int(settings, "maxResponseTokens") ?? defaults.MaxResponseTokens,
            Temperature = OptimisationParameters.Float(settings, "temperature") ?? defaults.Temperature,
            Seed = settings.Seed,
        };
        irote.Validate();
        return new IroteParameters(trait, scorer, OptimisationParameters.Int(settings, "prompts"), irote);
    }
}
