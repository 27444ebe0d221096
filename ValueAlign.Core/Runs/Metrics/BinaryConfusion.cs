namespace ValueAlign.Core.Runs.Metrics;

/// <summary>
/// Counts of a binary classification and the scores derived from them:
/// precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2TP/(2TP+FP+FN).
/// <para>A ratio with a zero denominator is undefined and returned as NaN (no predicted positives
/// for precision, no actual positives for recall, neither for F1), so it can be told apart from
/// a real 0 and skipped in macro averages.</para>
/// </summary>
public readonly record struct BinaryConfusion(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    /// <summary>Default decision threshold on a probability score: score ≥ 0.5 predicts positive.</summary>
    public const double DefaultThreshold = 0.5;

    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);
    public double F1 => Ratio(2 * TruePositives, 2 * TruePositives + FalsePositives + FalseNegatives);

    /// <summary>Counts predictions score ≥ <paramref name="threshold"/> against the labels.</summary>
    public static BinaryConfusion At(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count)
            throw new ArgumentException($"Scores and labels differ in length ({scores.Count} vs {labels.Count}).", nameof(labels));
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var predicted = scores[i] >= threshold;
            if (predicted && labels[i]) tp++;
            else if (predicted) fp++;
            else if (labels[i]) fn++;
            else tn++;
        }
        return new BinaryConfusion(tp, fp, fn, tn);
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? double.NaN : (double)numerator / denominator;
}
