namespace ValueAlign.Core.Runs.Metrics;

/// <summary>
/// A confidence interval for a proportion (an accuracy), computed with the Wilson score method.
/// <para>For k successes in n trials, p̂ = k/n and z the normal quantile (1.96 for 95%):</para>
/// <code>
/// centre = (p̂ + z²/2n) / (1 + z²/n)
/// half   = z / (1 + z²/n) · sqrt(p̂(1 − p̂)/n + z²/4n²)
/// [low, high] = [centre − half, centre + half]
/// </code>
/// <para>Why not the Wald interval p̂ ± z·sqrt(p̂(1−p̂)/n): per-country or per-modality groups are
/// often small and accuracies near 0 or 1, where Wald collapses to zero width (at p̂ = 0 or 1),
/// can leave [0, 1], and covers the true value far less often than 95%. Wilson stays inside
/// [0, 1] and keeps near-nominal coverage at small n (Wilson 1927; Brown, Cai &amp; DasGupta 2001,
/// "Interval Estimation for a Binomial Proportion", Statistical Science 16(2)).</para>
/// </summary>
public readonly record struct ProportionInterval(double Low, double High)
{
    /// <summary>Two-sided 95% normal quantile, Φ⁻¹(0.975).</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>Wilson score interval for <paramref name="successes"/> out of <paramref name="trials"/>.
    /// With no trials the proportion is unknown and the interval is the whole [0, 1].</summary>
    public static ProportionInterval Wilson(int successes, int trials, double z = Z95)
    {
        if (trials < 0) throw new ArgumentOutOfRangeException(nameof(trials), trials, "Trials must not be negative.");
        if (successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"Successes must be between 0 and {trials}.");
        if (!(z > 0)) throw new ArgumentOutOfRangeException(nameof(z), z, "The normal quantile must be positive.");
        if (trials == 0) return new ProportionInterval(0, 1);

        double n = trials, p = successes / n, z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new ProportionInterval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
