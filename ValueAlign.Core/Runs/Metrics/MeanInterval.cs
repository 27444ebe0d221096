namespace ValueAlign.Core.Runs.Metrics;

/// <summary>
/// The mean of a small sample with its 95% confidence interval from Student's t distribution:
/// <code>mean ± t(0.975, n − 1) · s / √n,   s = sample standard deviation (n − 1 in the denominator)</code>
/// t rather than the normal 1.96 because per-framework samples are small (18 dilemmas: t = 2.110,
/// an interval 8% wider). Undefined (NaN) bounds for n &lt; 2, NaN mean for n = 0.
/// </summary>
public readonly record struct MeanInterval(double Mean, double Low, double High, int N)
{
    /// <summary>t(0.975, df) for df = 1..30 (standard tables).</summary>
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    public static MeanInterval Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        if (n == 0) return new MeanInterval(double.NaN, double.NaN, double.NaN, 0);
        var mean = values.Average();
        if (n == 1) return new MeanInterval(mean, double.NaN, double.NaN, 1);
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var half = TQuantile975(n - 1) * sd / Math.Sqrt(n);
        return new MeanInterval(mean, mean - half, mean + half, n);
    }

    /// <summary>t(0.975, df): the table up to 30, beyond it the Cornish–Fisher expansion around z
    /// (error below 0.001 for df &gt; 30).</summary>
    public static double TQuantile975(int degreesOfFreedom)
    {
        if (degreesOfFreedom < 1) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "At least one degree of freedom.");
        if (degreesOfFreedom <= T975.Length) return T975[degreesOfFreedom - 1];
        const double z = ProportionInterval.Z95;
        double v = degreesOfFreedom, z3 = z * z * z, z5 = z3 * z * z;
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v);
    }
}
