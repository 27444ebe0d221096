namespace ValueAlign.Core.Methods.Culture;

/// <summary>
/// Picks a multiple-choice option from teacher-forced log-likelihoods LL(option | prompt).
/// <list type="bullet">
/// <item><b>Total</b>: argmax of the summed log-probability. Favours short options, since every
/// extra token adds a negative term.</item>
/// <item><b>Length-normalised</b>: argmax of the per-token mean LL / tokens, the "per-token mean"
/// of methods.md. (lm-evaluation-harness's acc_norm divides by byte length instead; token count is
/// chosen here because it is what the scorer measures and it is independent of script, which
/// matters for MMA-ASIA's ten languages.)</item>
/// </list>
/// Ties go to the lowest option index, so the choice is deterministic.
/// </summary>
public static class LikelihoodChoice
{
    public static int ByTotal(IReadOnlyList<OptionLikelihood> options) => ArgMax(options, o => o.TotalLogProb);

    public static int ByPerTokenMean(IReadOnlyList<OptionLikelihood> options) => ArgMax(options, o => o.PerTokenMean);

    private static int ArgMax(IReadOnlyList<OptionLikelihood> options, Func<OptionLikelihood, double> score)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Count == 0) throw new ArgumentException("No options to choose from.", nameof(options));
        var best = 0;
        for (var i = 1; i < options.Count; i++)
            if (score(options[i]) > score(options[best])) best = i;
        return best;
    }
}
