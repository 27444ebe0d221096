namespace ValueAlign.Core.Runs.Metrics;

/// <summary>
/// Spearman's rank correlation ρ: the Pearson correlation of the two samples' average ranks
/// (<see cref="AverageRanks"/>). With ties, the shortcut 1 − 6Σd²/(n(n²−1)) is wrong, so the
/// Pearson form is used throughout:
/// <code>ρ = Σ(rx − r̄x)(ry − r̄y) / sqrt(Σ(rx − r̄x)² · Σ(ry − r̄y)²)</code>
/// Undefined (NaN) when either sample is constant, since its ranks have no variance; fewer than
/// two pairs is an error.
/// </summary>
public static class SpearmanCorrelation
{
    public static double Of(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"Samples differ in length ({x.Count} vs {y.Count}).", nameof(y));
        if (x.Count < 2) throw new ArgumentException("Spearman's correlation needs at least two pairs.", nameof(x));

        var rx = AverageRanks.Of(x);
        var ry = AverageRanks.Of(y);
        double mx = rx.Average(), my = ry.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < rx.Length; i++)
        {
            double dx = rx[i] - mx, dy = ry[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }
}
