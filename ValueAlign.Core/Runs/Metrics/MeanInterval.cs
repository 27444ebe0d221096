namespace ValueAlign.Core.Runs.Metrics;

/// <summary>
/// A mean with a 95% confidence interval from the normal approximation,
/// mean ± 1.96 · s / √n with the sample standard deviation s (n − 1 in the denominator).
/// Non-finite values (an undefined Spearman for a constant profile) are left out and not counted.
/// With one value the interval is the value itself; with none, everything is null.
/// </summary>
public sealed record MeanInterval(double? Mean, double? Lower, double? Upper, int N)
{
    private const double Z95 = 1.959963984540054;

    public static MeanInterval Of(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
            return new(null, null, null, 0);
        var mean = finite.Average();
        if (finite.Length == 1)
            return new(mean, mean, mean, 1);
        var variance = finite.Sum(v => (v - mean) * (v - mean)) / (finite.Length - 1);
        var half = Z95 * Math.Sqrt(variance / finite.Length);
        return new(mean, mean - half, mean + half, finite.Length);
    }
}
