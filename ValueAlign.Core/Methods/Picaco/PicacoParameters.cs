using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Methods;
using ValueAlign.Core.Evaluation.Parameters;
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
    /// <summary>The named set a new run starts from.</summary>
    public const string DefaultValueSet = "confucianism-4";

    /// <summary>The schema; <c>valueSet</c> is chosen out of <paramref name="sets"/>.</summary>
    public static ParameterSchema Schema(ValueSetCatalog sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var defaults = new PicacoSettings();
        return new ParameterSchema(PicacoMethod.MethodId,
        [
            MethodParameter.Choice("valueSet", [.. sets.All.Select(s => s.Id)], DefaultValueSet, "A named set of target values; clear it to give 'values' instead.") with { Preset = true },
            MethodParameter.Text("values", null, "Target values as SYSTEM:dim,dim (e.g. schwartz-10:benevolence,universalism), instead of a named set."),
            MethodParameter.Integer("prompts", 1, null, 50, "N: task prompts drawn (with the seed) from the selected items.") with { Preset = true },
            MethodParameter.Integer("rounds", 1, null, defaults.Rounds, "T: optimisation rounds.") with { Preset = true },
            MethodParameter.Integer("alignedPool", 1, null, defaults.AlignedPoolSize, "M1: responses kept per prompt in the aligned pool (best by score).") with { Preset = true },
            MethodParameter.Integer("noisyPool", 1, null, defaults.NoisyPoolSize, "M2: responses kept per prompt in the noisy pool (most parroting).") with { Preset = true },
            MethodParameter.Integer("alignedSamples", 1, null, null, "Responses sampled with the instruction per prompt and round; empty for the aligned pool size."),
            MethodParameter.Integer("noisySamples", 1, null, null, "Responses sampled without the instruction per prompt and round; empty for the noisy pool size."),
            MethodParameter.Integer("candidates", 1, null, defaults.Candidates, "New instructions proposed per round (the current one competes too).") with { Preset = true },
            MethodParameter.Integer("maxResponseTokens", 1, null, defaults.MaxResponseTokens, "Longest sampled response, in tokens."),
            MethodParameter.Integer("maxInstructionTokens", 1, null, defaults.MaxInstructionTokens, "Longest proposed instruction, in tokens."),
            MethodParameter.Number("temperature", 0, null, Math.Round(defaults.Temperature, 6), "Sampling temperature."),
            MethodParameter.Text("initialInstruction", defaults.InitialInstruction, "The instruction round 1 starts from."),
        ]);
    }

    public static PicacoParameters Parse(EvalSettings settings, ValueSystemCatalog systems, ValueSetCatalog sets)
    {
        Schema(sets).Require(settings);
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
