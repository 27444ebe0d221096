namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// The judge's 1..5 priority for one dimension. <see cref="Probabilities"/> is the distribution over
/// the digit tokens "1".."5" at the rating slot, renormalised over those five; <see cref="DigitMass"/>
/// is how much of the full-vocabulary probability they held. Without a distribution (the slot could
/// not be read) the expectation and argmax fall back to the generated digit.
/// </summary>
public sealed record DimensionRating(
    string DimensionId,
    int GeneratedDigit,
    double Expectation,
    int Argmax,
    IReadOnlyList<double>? Probabilities,
    double? DigitMass)
{
    public static DimensionRating FromDigitOnly(string dimensionId, int digit) => new(dimensionId, digit, digit, digit, null, null);

    /// <summary>Expectation and argmax of the digit distribution given as log-probabilities of "1".."5".</summary>
    public static DimensionRating FromLogProbs(string dimensionId, int generatedDigit, IReadOnlyList<double> logProbs)
    {
        var max = logProbs.Max();
        var weights = logProbs.Select(l => Math.Exp(l - max)).ToArray();
        var total = weights.Sum();
        var probabilities = weights.Select(w => w / total).ToArray();
        var expectation = probabilities.Select((p, i) => p * (i + 1)).Sum();
        var argmax = Array.IndexOf(probabilities, probabilities.Max()) + 1;
        var mass = logProbs.Sum(Math.Exp);
        return new DimensionRating(dimensionId, generatedDigit, expectation, argmax, probabilities, mass);
    }
}
