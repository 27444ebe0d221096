namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>Cohen's kappa with its parts: observed agreement p_o, chance agreement p_e, and the table it came from.</summary>
public sealed record CohensKappaResult(double Kappa, double Observed, double Expected, long N, ConfusionMatrix Matrix);

/// <summary>
/// Cohen's kappa for two raters (Cohen 1960, "A coefficient of agreement for nominal scales",
/// Educational and Psychological Measurement 20:37–46):
/// κ = (p_o − p_e) / (1 − p_e), with p_o = Σ_c n_cc / N and p_e = Σ_c (n_c· / N)(n_·c / N),
/// chance agreement coming from each rater's own marginal distribution.
/// Undefined (NaN) when p_e = 1, i.e. both raters used one and the same category for every item,
/// and when there are no items.
/// </summary>
public static class CohensKappa
{
    public static CohensKappaResult Compute(ConfusionMatrix matrix)
    {
        var n = matrix.Total;
        if (n == 0)
        {
            return new CohensKappaResult(double.NaN, double.NaN, double.NaN, 0, matrix);
        }
        double agreeing = 0, expected = 0;
        for (var c = 0; c < matrix.Categories.Count; c++)
        {
            agreeing += matrix[c, c];
            expected += (double)matrix.RowTotal(c) / n * ((double)matrix.ColumnTotal(c) / n);
        }
        var observed = agreeing / n;
        var kappa = 1 - expected < 1e-12 ? double.NaN : (observed - expected) / (1 - expected);
        return new CohensKappaResult(kappa, observed, expected, n, matrix);
    }

    /// <summary>Kappa over label pairs (first rater, second rater).</summary>
    public static CohensKappaResult Compute(IEnumerable<(string First, string Second)> pairs, IReadOnlyList<string>? categories = null) =>
        Compute(ConfusionMatrix.FromPairs(pairs, categories));

    /// <summary>Kappa between two annotators of reliability data, over the items both labelled.</summary>
    public static CohensKappaResult Between(ReliabilityData data, int firstAnnotator, int secondAnnotator)
    {
        var k = data.Categories.Count;
        var counts = new long[k, k];
        for (var item = 0; item < data.Items.Count; item++)
        {
            int first = -1, second = -1;
            var annotators = data.AnnotatorsOf(item);
            var categories = data.CategoriesOf(item);
            for (var j = 0; j < annotators.Length; j++)
            {
                if (annotators[j] == firstAnnotator)
                {
                    first = categories[j];
                }
                else if (annotators[j] == secondAnnotator)
                {
                    second = categories[j];
                }
            }
            if (first >= 0 && second >= 0)
            {
                counts[first, second]++;
            }
        }
        return Compute(new ConfusionMatrix(data.Categories, counts));
    }
}
