using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>Settings of the COUPLE pipeline and its baselines.</summary>
public sealed record CoupleOptions
{
    /// <summary>
    /// The response already meets the objective when the deviation D = sum_i |s'_i - s_i| is at most this.
    /// The default allows half a point per dimension of a 10-dimension system on average.
    /// </summary>
    public double DeviationThreshold { get; init; } = 5.0;

    /// <summary>Weight lambda of the graph influence on a dimension's shift (see <see cref="GraphInfluence"/>); 0 behaves like the ablation.</summary>
    public double GraphInfluenceWeight { get; init; } = 0.5;

    /// <summary>A dimension whose adjusted shift is smaller than this keeps its observed concept (no counterfactual concept is generated).</summary>
    public double MinimumShift { get; init; } = 0.5;

    /// <summary>Sampling for every generation; greedy by default so a run is reproducible.</summary>
    public GenerationOptions Generation { get; init; } = GenerationOptions.Greedy();

    /// <summary>Longest value-concept phrase, in characters.</summary>
    public int ConceptMaxLength { get; init; } = 60;

    /// <summary>Longest concept phrase under the stricter retry grammar.</summary>
    public int StrictConceptMaxLength { get; init; } = 24;

    /// <summary>Token budget of the rewrite (prediction) and of baseline answers.</summary>
    public int ResponseMaxTokens { get; init; } = 256;

    /// <summary>Longest dimension definition quoted in prompts, in characters (keeps prompts inside small contexts).</summary>
    public int DefinitionMaxLength { get; init; } = 90;
}
