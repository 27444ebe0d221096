namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>Alpha with its parts: observed and expected disagreement, pairable values n, items used, and the coincidences.</summary>
public sealed record KrippendorffAlphaResult(
    double Alpha,
    KrippendorffMetric Metric,
    double ObservedDisagreement,
    double ExpectedDisagreement,
    double PairableValues,
    int UnitsUsed,
    CoincidenceMatrix Coincidences);

/// <summary>
/// Krippendorff's alpha for any number of annotators and missing labels, computed from the
/// coincidence matrix as in Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
/// Annenberg School for Communication, University of Pennsylvania, section C
/// (and Krippendorff 2004, Content Analysis, 2nd ed., ch. 11):
/// α = 1 − D_o / D_e, with
/// D_o = (1/n) Σ_c Σ_k o_ck δ²_ck and D_e = 1/(n(n − 1)) Σ_c Σ_k n_c n_k δ²_ck,
/// so α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
/// Items with fewer than two labels carry no pairable values and are dropped. Undefined (NaN) when
/// D_e = 0: all pairable values are the same, so the data show no variation to be reliable about
/// (Krippendorff treats this as 0/0, not as perfect reliability); also NaN when no item has two labels.
/// </summary>
public static class KrippendorffAlpha
{
    /// <exception cref="InvalidOperationException">Ordinal or interval alpha on labels that have no order.</exception>
    public static KrippendorffAlphaResult Compute(ReliabilityData data, KrippendorffMetric metric) =>
        Compute(CoincidenceMatrix.From(data), data.Labels, metric);

    public static KrippendorffAlphaResult Compute(CoincidenceMatrix coincidences, LabelOrdering labels, KrippendorffMetric metric)
    {
        if (metric != KrippendorffMetric.Nominal && labels.Values is null)
        {
            throw new InvalidOperationException(
                $"{metric} alpha needs ordered labels (numbers or an explicit order); these labels are nominal.");
        }
        var distance = SquaredDistances(coincidences, labels, metric);
        var k = coincidences.Categories.Count;
        var n = coincidences.Total;
        double observed = 0, expected = 0;
        for (var c = 0; c < k; c++)
        {
            for (var d = 0; d < k; d++)
            {
                observed += coincidences[c, d] * distance[c, d];
                expected += coincidences.Marginal(c) * coincidences.Marginal(d) * distance[c, d];
            }
        }
        observed = n > 0 ? observed / n : double.NaN;
        expected = n > 1 ? expected / (n * (n - 1)) : double.NaN;
        var alpha = !(expected > 0) ? double.NaN : 1 - observed / expected;
        return new KrippendorffAlphaResult(alpha, metric, observed, expected, n, coincidences.UnitsUsed, coincidences);
    }

    private static double[,] SquaredDistances(CoincidenceMatrix coincidences, LabelOrdering labels, KrippendorffMetric metric)
    {
        var k = coincidences.Categories.Count;
        var distance = new double[k, k];
        for (var c = 0; c < k; c++)
        {
            for (var d = 0; d < k; d++)
            {
                distance[c, d] = metric switch
                {
                    KrippendorffMetric.Nominal => c == d ? 0 : 1,
                    KrippendorffMetric.Interval => Square(labels.Values![c] - labels.Values[d]),
                    KrippendorffMetric.Ordinal => Square(OrdinalSpan(coincidences, Math.Min(c, d), Math.Max(c, d))),
                    _ => throw new ArgumentOutOfRangeException(nameof(metric)),
                };
            }
        }
        return distance;
    }

    // Categories are stored in rank order, so ranks c..k are the indices c..k.
    private static double OrdinalSpan(CoincidenceMatrix coincidences, int low, int high)
    {
        if (low == high)
        {
            return 0;
        }
        double sum = 0;
        for (var g = low; g <= high; g++)
        {
            sum += coincidences.Marginal(g);
        }
        return sum - (coincidences.Marginal(low) + coincidences.Marginal(high)) / 2;
    }

    private static double Square(double x) => x * x;
}
