namespace ValueAlign.Core.Runs.Metrics;

/// <summary>
/// Accuracy of one group of item results (a country, a language, a modality, ...) with its 95%
/// Wilson interval (<see cref="ProportionInterval.Wilson"/>).
/// </summary>
public sealed record GroupAccuracy(string Key, int N, int Correct, double Accuracy, double Low, double High)
{
    /// <summary>Accuracy of one set of outcomes; accuracy is NaN when the set is empty.</summary>
    public static GroupAccuracy Of(string key, int correct, int n)
    {
        var interval = ProportionInterval.Wilson(correct, n);
        return new GroupAccuracy(key, n, correct, n == 0 ? double.NaN : (double)correct / n, interval.Low, interval.High);
    }

    /// <summary>Groups <paramref name="results"/> by <paramref name="key"/> and reports each group's
    /// accuracy, ordered by key (ordinal) so reports and charts are stable.</summary>
    public static IReadOnlyList<GroupAccuracy> PerGroup<T>(IEnumerable<T> results, Func<T, string> key, Func<T, bool> isCorrect)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results
            .GroupBy(key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Of(g.Key, g.Count(isCorrect), g.Count()))
            .ToList();
    }
}
