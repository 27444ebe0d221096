namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>
/// Fleiss' kappa with its parts: P̄ (mean observed agreement), P̄e (chance agreement),
/// p_j per category (same order as <see cref="Categories"/>) and P_i per item.
/// </summary>
public sealed record FleissKappaResult(
    double Kappa,
    double MeanAgreement,
    double ExpectedAgreement,
    int Items,
    int RatersPerItem,
    IReadOnlyList<string> Categories,
    IReadOnlyList<double> CategoryProportions,
    IReadOnlyList<double> ItemAgreement);

/// <summary>
/// Fleiss' kappa for a fixed number m ≥ 2 of ratings per item (Fleiss 1971, "Measuring nominal
/// scale agreement among many raters", Psychological Bulletin 76(5):378–382). With n_ij the number
/// of ratings putting item i in category j and N items:
/// p_j = Σ_i n_ij / (N m); P_i = (Σ_j n_ij² − m) / (m(m − 1)); P̄ = mean of P_i; P̄e = Σ_j p_j²;
/// κ = (P̄ − P̄e) / (1 − P̄e). Undefined (NaN) when P̄e = 1, i.e. every rating is in one category.
/// The raters need not be the same people from item to item.
/// </summary>
public static class FleissKappa
{
    /// <exception cref="ArgumentException">Items have differing numbers of ratings (the first such item is named), or fewer than two.</exception>
    public static FleissKappaResult Compute(int[,] counts, IReadOnlyList<string>? categories = null, IReadOnlyList<string>? itemNames = null)
    {
        var items = counts.GetLength(0);
        var k = counts.GetLength(1);
        categories ??= Enumerable.Range(1, k).Select(j => j.ToString()).ToArray();
        if (categories.Count != k)
        {
            throw new ArgumentException($"The table has {k} categories but {categories.Count} names were given.", nameof(categories));
        }
        if (items == 0)
        {
            throw new ArgumentException("Fleiss' kappa needs at least one item.", nameof(counts));
        }
        string Name(int i) => itemNames is null ? $"{i + 1}" : $"'{itemNames[i]}'";
        static string Ratings(int n) => n == 1 ? "1 rating" : $"{n} ratings";

        var m = RowSum(counts, 0);
        for (var i = 0; i < items; i++)
        {
            var row = RowSum(counts, i);
            if (row != m)
            {
                throw new ArgumentException(
                    $"Item {Name(i)} has {Ratings(row)} but item {Name(0)} has {Ratings(m)}; Fleiss' kappa needs the same number of ratings for every item.",
                    nameof(counts));
            }
        }
        if (m < 2)
        {
            throw new ArgumentException($"Every item has {Ratings(m)}; Fleiss' kappa needs at least two per item.", nameof(counts));
        }

        var proportions = new double[k];
        var itemAgreement = new double[items];
        double sumP = 0;
        for (var i = 0; i < items; i++)
        {
            long squares = 0;
            for (var j = 0; j < k; j++)
            {
                squares += (long)counts[i, j] * counts[i, j];
                proportions[j] += counts[i, j];
            }
            itemAgreement[i] = (squares - m) / ((double)m * (m - 1));
            sumP += itemAgreement[i];
        }
        double expected = 0;
        for (var j = 0; j < k; j++)
        {
            proportions[j] /= (double)items * m;
            expected += proportions[j] * proportions[j];
        }
        var mean = sumP / items;
        var kappa = 1 - expected < 1e-12 ? double.NaN : (mean - expected) / (1 - expected);
        return new FleissKappaResult(kappa, mean, expected, items, m, categories, proportions, itemAgreement);
    }

    /// <summary>Fleiss' kappa over reliability data in which every item has the same number of labels.</summary>
    public static FleissKappaResult Compute(ReliabilityData data)
    {
        var k = data.Categories.Count;
        var counts = new int[data.Items.Count, k];
        for (var item = 0; item < data.Items.Count; item++)
        {
            foreach (var c in data.CategoriesOf(item))
            {
                counts[item, c]++;
            }
        }
        return Compute(counts, data.Categories, data.Items);
    }

    private static int RowSum(int[,] counts, int row)
    {
        var sum = 0;
        for (var j = 0; j < counts.GetLength(1); j++)
        {
            sum += counts[row, j];
        }
        return sum;
    }
}
