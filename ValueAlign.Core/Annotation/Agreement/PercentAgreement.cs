namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>Share of agreeing label pairs within an item, averaged over items with at least two labels.</summary>
public sealed record PercentAgreementResult(double Value, int ItemsUsed);

/// <summary>
/// Pairwise percent agreement: for an item with m labels of which n_c fall in category c, the share
/// of the m(m−1) ordered pairs of labels that agree is Σ n_c(n_c−1) / m(m−1) (Fleiss' P_i, which
/// allows any m). Items with fewer than two labels have no pairs and are left out. NaN when no item
/// has two labels.
/// </summary>
public static class PercentAgreement
{
    public static PercentAgreementResult Compute(ReliabilityData data)
    {
        var counts = new int[data.Categories.Count];
        var sum = 0.0;
        var used = 0;
        for (var item = 0; item < data.Items.Count; item++)
        {
            var categories = data.CategoriesOf(item);
            var m = categories.Length;
            if (m < 2)
            {
                continue;
            }
            long agreeingPairs = 0;
            foreach (var c in categories)
            {
                agreeingPairs += counts[c]++; // each earlier label in c forms one more agreeing pair
            }
            foreach (var c in categories)
            {
                counts[c] = 0;
            }
            sum += 2.0 * agreeingPairs / ((double)m * (m - 1));
            used++;
        }
        return new PercentAgreementResult(used == 0 ? double.NaN : sum / used, used);
    }
}
