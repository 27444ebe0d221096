using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Methods;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Picaco;

/// <summary>
/// A PICACO run's parameters: the target values (<c>valueSet</c>, a named set, or <c>values</c>,
/// "SYSTEM:dim,dim"), <c>prompts</c> (N, drawn from the selected items with the run's seed), and the
/// sizes of <see cref="PicacoSettings"/> (<c>rounds</c>, <c>alignedPool</c>, <c>noisyPool</c>,
/// <c>alignedSamples</c>, <c>noisySamples</c>, <c>candidates</c>, <c>maxResponseTokens</c>,
/// <c>maxInstructionTokens</c>, <c>temperature</c>, <c>initialInstruction</c>). The run's seed seeds sampling.
/// </summary>
public sealed record PicacoParameters(IReadOnlyList<TargetValue> Values, string? ValueSetId, int? Prompts, PicacoSettings Settings)
{
    public static readonly string[] Names =
    [
        "valueSet", "values", "prompts", "rounds", "alignedPool", "noisyPool", "alignedSamples", "noisySamples",
        "candidates", "maxResponseTokens", "maxInstructionTokens", "temperature", "initialInstruction",
    ];

    public static PicacoParameters Parse(EvalSettings settings, ValueSystemCatalog systems, ValueSetCatalog sets)
    {
        EvalParameters.RequireKnown(settings, PicacoMethod.MethodId, Names);
        var setId = OptimisationParameters.Text(settings, "valueSet");
        var spec = OptimisationParameters.Text(settings, "values");
        if ((setId is null) == (spec is null))
            throw new ArgumentException("Give the target values as either 'valueSet' (a named set) or 'values' (SYSTEM:dim,dim), not both and not neither.");
        var values = setId is not null ? sets.Get(setId).Values : TargetValue.ParseList(systems, spec!);
        var defaults = new PicacoSettings();
        var picaco = new PicacoSettings
        {
            Rounds = OptimisationParameters.Int(settings, "rounds") ?? defaults.Rounds,
            AlignedPoolSize = OptimisationParameters.Int(settings, "alignedPool") ?? defaults.AlignedPoolSize,
            NoisyPoolSize = OptimisationParameters.Int(settings, "noisyPool") ?? defaults.NoisyPoolSize,
            AlignedSamples = OptimisationParameters.Int(settings, "alignedSamples"),
            NoisySamples = OptimisationParameters.Int(settings, "noisySamples"),
            Candidates = OptimisationParameters.Int(settings, "candidates") ?? defaults.Candidates,
            MaxResponseTokens = OptimisationParameters.Int(settings, "maxResponseTokens") ?? defaults.MaxResponseTokens,
            MaxInstructionTokens = OptimisationParameters.Int(settings, "maxInstructionTokens") ?? defaults.MaxInstructionTokens,
            Temperature = OptimisationParameters.Float(settings, "temperature") ?? defaults.Temperature,
            InitialInstruction = OptimisationParameters.Text(settings, "initialInstruction") ?? defaults.InitialInstruction,
            Seed = settings.Seed,
        };
        picaco.Validate();
        return new PicacoParameters(values, setId is null ? null : sets.Get(setId).Id, OptimisationParameters.Int(settings, "prompts"), picaco);
    }
}
