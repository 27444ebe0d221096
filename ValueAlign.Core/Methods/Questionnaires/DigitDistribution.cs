namespace ValueAlign.Core.Methods.Questionnaires;

/// <summary>
/// The model's answer to a rating item read from the next-token distribution over the scale's
/// digits ("1".."6" for PVQ), rather than from one sampled token.
/// <code>
/// p_i = exp(lp_i) / Σ_j exp(lp_j)      (renormalised over the digits only)
/// expected = Σ_i p_i · value_i,        mode = value with the largest p_i
/// </code>
/// Renormalising discards mass on non-digit tokens, which the constrained answer format rules
/// out. The expectation keeps the model's uncertainty (a 50/50 split between 2 and 5 gives 3.5),
/// the mode is the answer greedy decoding would give. Ties in the mode go to the lowest value.
/// </summary>
public sealed record DigitDistribution(IReadOnlyList<int> Values, IReadOnlyList<double> Probabilities)
{
    public double Expected => Values.Zip(Probabilities, (v, p) => v * p).Sum();

    public int Mode
    {
        get
        {
            var best = 0;
            for (var i = 1; i < Probabilities.Count; i++) if (Probabilities[i] > Probabilities[best]) best = i;
            return Values[best];
        }
    }

    /// <param name="scale">The item's scale; its values min..max are the digits read.</param>
    /// <param name="logProbs">Log-probability of each value's digit token, in order min..max.</param>
    public static DigitDistribution FromLogProbs(ResponseScale scale, IReadOnlyList<double> logProbs)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(logProbs);
        if (logProbs.Count != scale.Points)
            throw new ArgumentException($"The scale {scale.Min}..{scale.Max} has {scale.Points} values but {logProbs.Count} log-probabilities were given.", nameof(logProbs));
        if (logProbs.Any(double.IsNaN)) throw new ArgumentException("Log-probabilities must not be NaN.", nameof(logProbs));
        var max = logProbs.Max();
        if (double.IsNegativeInfinity(max)) throw new ArgumentException("Every digit has zero probability.", nameof(logProbs));

        // Subtracting the maximum keeps exp() in range; it cancels in the normalisation.
        var weights = logProbs.Select(lp => Math.Exp(lp - max)).ToArray();
        var total = weights.Sum();
        return new DigitDistribution(
            Enumerable.Range(scale.Min, scale.Points).ToList(),
            weights.Select(w => w / total).ToList());
    }
}
