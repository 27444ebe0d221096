namespace ValueAlign.Core.Methods.Irote;

/// <summary>
/// IROTE's objective for a reflection e:
/// <code>R(e) = mean_i Σ_j p_e(y_ij | x_i) · log q(trait | y_ij, x_i)</code>
/// over task prompts x_i and the M2 responses y_ij sampled with e as prefix. A raw sequence
/// probability underflows (e^−100 for a 100-token answer), so p_e is normalised over the prompt's
/// samples: p_e(y_ij | x_i) = softmax_j LL(y_ij | e, x_i). R is then a likelihood-weighted mean of
/// log q for each prompt, averaged over prompts; higher (closer to 0) is better.
/// </summary>
public static class Evocativeness
{
    public static double Of(IReadOnlyList<IReadOnlyList<(double LogLikelihood, double LogTrait)>> perPrompt)
    {
        if (perPrompt.Count == 0) throw new ArgumentException("No prompts to average over.");
        return perPrompt.Average(PromptTerm);
    }

    /// <summary>The weights p_e(y_ij | x_i) of one prompt's samples.</summary>
    public static IReadOnlyList<double> Weights(IReadOnlyList<double> logLikelihoods)
    {
        if (logLikelihoods.Count == 0) throw new ArgumentException("A prompt has no samples.");
        var max = logLikelihoods.Max();
        var exp = logLikelihoods.Select(l => Math.Exp(l - max)).ToArray();
        var sum = exp.Sum();
        return exp.Select(e => e / sum).ToArray();
    }

    public static double PromptTerm(IReadOnlyList<(double LogLikelihood, double LogTrait)> samples)
    {
        var weights = Weights(samples.Select(s => s.LogLikelihood).ToArray());
        return samples.Select((s, j) => weights[j] * s.LogTrait).Sum();
    }
}
