namespace ValueAlign.Core.Runs.Metrics;

/// <summary>
/// Ranks 1..n of a sample, ascending, with tied values sharing the mean of the ranks they
/// occupy ("fractional" ranking): [10, 20, 20, 30] → [1, 2.5, 2.5, 4].
/// Used by Spearman's correlation and by the rank-sum form of ROC AUC.
/// </summary>
public static class AverageRanks
{
    public static double[] Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Any(double.IsNaN)) throw new ArgumentException("Cannot rank NaN values.", nameof(values));

        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            // Positions start..end (0-based) hold ranks start+1..end+1; their mean is shared.
            var shared = (start + end) / 2.0 + 1;
            for (var i = start; i <= end; i++) ranks[order[i]] = shared;
            start = end + 1;
        }
        return ranks;
    }
}
