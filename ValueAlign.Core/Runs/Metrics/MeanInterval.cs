namespace ValueAlign.Core.Runs.Metrics;

/// <summary>
/// A mean with a 95% confidence interval, mean ± q · s / √n with the sample standard deviation s
/// (n − 1 in the denominator). <see cref="Of"/> uses the normal quantile q = 1.96;
/// <see cref="StudentT"/> uses Student's t(0.975, n − 1), which small samples need (18 dilemmas:
/// t = 2.110, an interval 8% wider; two values: 12.706).
/// Non-finite values (an undefined Spearman for a constant profile) are left out and not counted.
/// With one value the interval is the value itself; with none, everything is null.
/// </summary>
public sealed record MeanInterval(double? Mean, double? Lower, double? Upper, int N)
{
    private const double Z95 = 1.959963984540054;

    /// <summary>t(0.975, df) for df = 1..30 (standard tables).</summary>
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>Normal approximation.</summary>
    public static MeanInterval Of(IEnumerable<double> values) => Build(values, _ => Z95);

    /// <summary>Student's t interval, for small samples.</summary>
    public static MeanInterval StudentT(IEnumerable<double> values) => Build(values, TQuantile975);

    /// <summary>t(0.975, df): the table up to 30, beyond it the Cornish–Fisher expansion around z
    /// (error below 0.001 for df &gt; 30).</summary>
    public static double TQuantile975(int degreesOfFreedom)
    {
        if (degreesOfFreedom < 1) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "At least one degree of freedom.");
        if (degreesOfFreedom <= T975.Length) return T975[degreesOfFreedom - 1];
        double v = degreesOfFreedom, z = Z95, z3 = z * z * z, z5 = z3 * z * z;
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v);
    }

    private static MeanInterval Build(IEnumerable<double> values, Func<int, double> quantile)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
            return new(null, null, null, 0);
        var mean = finite.Average();
        if (finite.Length == 1)
            return new(mean, mean, mean, 1);
        var variance = finite.Sum(v => (v - mean) * (v - mean)) / (finite.Length - 1);
        var half = quantile(finite.Length - 1) * Math.Sqrt(variance / finite.Length);
        return new(mean, mean - half, mean + half, finite.Length);
    }
}
