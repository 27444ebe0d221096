namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// How close an attributed profile is to the target: mean absolute error (lower is better, 0..4 on
/// a 1..5 scale) and Spearman's rank correlation (higher is better). Spearman is NaN when either
/// profile is constant (every rank tied: no ordering to compare), which happens e.g. with a uniform target.
/// </summary>
public sealed record AlignmentMetrics(double MeanAbsoluteError, double Spearman)
{
    public static AlignmentMetrics Between(IReadOnlyList<double> attributed, IReadOnlyList<double> target) =>
        new(Mae(attributed, target), SpearmanCorrelation(attributed, target));

    public static double Mae(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        RequireSameLength(a, b);
        return a.Select((x, i) => Math.Abs(x - b[i])).Average();
    }

    /// <summary>Pearson correlation of the ranks, tied values taking the average of the ranks they span.</summary>
    public static double SpearmanCorrelation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        RequireSameLength(a, b);
        var ra = AverageRanks(a);
        var rb = AverageRanks(b);
        var ma = ra.Average();
        var mb = rb.Average();
        double cov = 0, va = 0, vb = 0;
        for (var i = 0; i < ra.Length; i++)
        {
            cov += (ra[i] - ma) * (rb[i] - mb);
            va += (ra[i] - ma) * (ra[i] - ma);
            vb += (rb[i] - mb) * (rb[i] - mb);
        }
        return va == 0 || vb == 0 ? double.NaN : cov / Math.Sqrt(va * vb);
    }

    /// <summary>1-based ranks; equal values share the mean of their positions (e.g. [10, 20, 20] -> [1, 2.5, 2.5]).</summary>
    public static double[] AverageRanks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        var k = 0;
        while (k < order.Length)
        {
            var end = k;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[k]])
            {
                end++;
            }
            var rank = (k + end) / 2.0 + 1;
            for (var m = k; m <= end; m++)
            {
                ranks[order[m]] = rank;
            }
            k = end + 1;
        }
        return ranks;
    }

    private static void RequireSameLength(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count || a.Count == 0)
        {
            throw new ArgumentException($"Profiles must be non-empty and of equal length ({a.Count} vs {b.Count}).");
        }
    }
}
