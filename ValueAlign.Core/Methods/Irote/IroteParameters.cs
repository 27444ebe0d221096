using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Methods;
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

    public static readonly string[] Names =
    [
        "trait", "scorer", "prompts", "rounds", "candidates", "behaviours", "samples", "keep",
        "maxReflectionTokens", "maxResponseTokens", "temperature",
    ];

    public static IroteParameters Parse(EvalSettings settings, ValueSystemCatalog systems)
    {
        EvalParameters.RequireKnown(settings, IroteMethod.MethodId, Names);
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
