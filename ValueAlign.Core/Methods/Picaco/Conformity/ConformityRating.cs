namespace ValueAlign.Core.Methods.Picaco.Conformity;

/// <summary>
/// A 1–5 conformity rating read from the judge's digit logits: the five log-probabilities are
/// renormalised over the five digits and the rating is their expectation,
/// <code>E = Σ_d d · p(d) / Σ_d p(d),  d = 1..5</code>
/// </summary>
public static class ConformityRating
{
    public static double Expectation(IReadOnlyList<double> logProbsOneToFive)
    {
        if (logProbsOneToFive.Count != 5) throw new ArgumentException("A 1–5 rating needs the log-probabilities of the five digits.");
        var max = logProbsOneToFive.Max();
        if (!double.IsFinite(max)) throw new ArgumentException("No digit has a finite log-probability.");
        var weights = logProbsOneToFive.Select(l => Math.Exp(l - max)).ToArray();
        return weights.Select((w, i) => w * (i + 1)).Sum() / weights.Sum();
    }
}
