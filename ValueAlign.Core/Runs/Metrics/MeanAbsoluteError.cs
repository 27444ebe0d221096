namespace ValueAlign.Core.Runs.Metrics;

/// <summary>Mean absolute error MAE = (1/n) Σ |predicted − actual|.</summary>
public static class MeanAbsoluteError
{
    public static double Of(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(actual);
        if (predicted.Count != actual.Count)
            throw new ArgumentException($"Samples differ in length ({predicted.Count} vs {actual.Count}).", nameof(actual));
        if (predicted.Count == 0) throw new ArgumentException("MAE needs at least one pair.", nameof(predicted));
        return predicted.Zip(actual, (p, a) => Math.Abs(p - a)).Average();
    }
}
