namespace ValueAlign.Core.Runs.Metrics;

/// <summary>
/// Unweighted mean of per-class (per-dimension) values that skips undefined (NaN) ones, with the
/// count of values averaged and of values skipped. NaN when every value is undefined.
/// </summary>
public readonly record struct MacroAverage(double Value, int Dimensions, int Skipped)
{
    public static MacroAverage Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double sum = 0;
        int used = 0, skipped = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) { skipped++; continue; }
            sum += v;
            used++;
        }
        return new MacroAverage(used == 0 ? double.NaN : sum / used, used, skipped);
    }
}
