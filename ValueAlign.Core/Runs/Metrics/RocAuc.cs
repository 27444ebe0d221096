namespace ValueAlign.Core.Runs.Metrics;

/// <summary>
/// Area under the ROC curve by the rank-sum (Mann–Whitney U) identity: the probability that a
/// random positive scores above a random negative, ties counting one half.
/// <code>AUC = (R₊ − n₊(n₊+1)/2) / (n₊ · n₋)</code>
/// where R₊ is the sum of the positives' average ranks among all scores (Hanley &amp; McNeil 1982,
/// Radiology 143). Average ranks make every tied positive/negative pair count 0.5, which equals
/// the trapezoidal area of the ROC curve.
/// <para>When the labels hold only one class the AUC is undefined; this returns NaN rather than
/// an arbitrary 0.5, so callers can skip it in macro averages (scikit-learn raises instead).</para>
/// </summary>
public static class RocAuc
{
    public static double Of(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count)
            throw new ArgumentException($"Scores and labels differ in length ({scores.Count} vs {labels.Count}).", nameof(labels));

        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;

        var ranks = AverageRanks.Of(scores);
        var positiveRankSum = 0.0;
        for (var i = 0; i < ranks.Length; i++) if (labels[i]) positiveRankSum += ranks[i];
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
