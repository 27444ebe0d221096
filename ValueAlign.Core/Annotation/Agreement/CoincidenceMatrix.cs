namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>
/// Krippendorff's coincidence matrix: o_ck counts, over all items, the ordered pairs of labels from
/// different annotators that are c and k, each item weighted 1/(m_u − 1) so that every pairable
/// value contributes exactly one to the total n. Items with fewer than two labels cannot be
/// paired and are left out.
/// </summary>
public sealed class CoincidenceMatrix
{
    private readonly double[,] _values;
    private readonly double[] _marginals;

    private CoincidenceMatrix(IReadOnlyList<string> categories, double[,] values, int unitsUsed)
    {
        Categories = categories;
        _values = values;
        UnitsUsed = unitsUsed;
        _marginals = new double[categories.Count];
        for (var c = 0; c < categories.Count; c++)
        {
            for (var k = 0; k < categories.Count; k++)
            {
                _marginals[c] += values[c, k];
            }
            Total += _marginals[c];
        }
    }

    public IReadOnlyList<string> Categories { get; }

    /// <summary>o_ck.</summary>
    public double this[int c, int k] => _values[c, k];

    /// <summary>n_c = Σ_k o_ck, the number of pairable values in category c.</summary>
    public double Marginal(int c) => _marginals[c];

    /// <summary>n, the number of pairable values.</summary>
    public double Total { get; }

    /// <summary>Items with at least two labels.</summary>
    public int UnitsUsed { get; }

    public static CoincidenceMatrix From(ReliabilityData data)
    {
        var k = data.Categories.Count;
        var values = new double[k, k];
        var counts = new int[k];
        var present = new List<int>(k);
        var units = 0;
        for (var item = 0; item < data.Items.Count; item++)
        {
            var categories = data.CategoriesOf(item);
            var m = categories.Length;
            if (m < 2)
            {
                continue;
            }
            units++;
            foreach (var c in categories)
            {
                if (counts[c]++ == 0)
                {
                    present.Add(c);
                }
            }
            var weight = 1.0 / (m - 1);
            foreach (var c in present)
            {
                foreach (var d in present)
                {
                    // n_uc·n_ud ordered pairs, minus the pairing of a value with itself on the diagonal.
                    var pairs = c == d ? counts[c] * (counts[c] - 1) : counts[c] * counts[d];
                    values[c, d] += pairs * weight;
                }
            }
            foreach (var c in present)
            {
                counts[c] = 0;
            }
            present.Clear();
        }
        return new CoincidenceMatrix(data.Categories, values, units);
    }
}
