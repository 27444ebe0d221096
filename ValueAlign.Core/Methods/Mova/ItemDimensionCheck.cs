namespace ValueAlign.Core.Methods.Mova;

/// <summary>
/// MoVa's survey application: classify each questionnaire item over the framework's dimensions
/// and check the result against the dimension the item is meant to measure.
/// <para>The paper names "precision of item-to-dimension" without a formula; the natural
/// reading, documented here:</para>
/// <list type="bullet">
/// <item><b>Precision</b> = Σ items [intended dimension predicted] / Σ items #dimensions predicted,
/// a dimension being predicted when p(1) ≥ 0.5. Of all the dimension labels the model assigned,
/// the share that are the item's own. NaN when nothing was predicted.</item>
/// <item><b>Top-1 accuracy</b> = share of items whose highest-scoring dimension is the intended
/// one (ties go to the lowest slot), which is defined even when no score reaches 0.5.</item>
/// </list>
/// </summary>
public sealed record ItemDimensionCheck(int Items, int PredictedLabels, int IntendedPredicted, int TopOneCorrect)
{
    public double Precision => PredictedLabels == 0 ? double.NaN : (double)IntendedPredicted / PredictedLabels;
    public double TopOneAccuracy => Items == 0 ? double.NaN : (double)TopOneCorrect / Items;

    /// <param name="items">Per item: p(1) per dimension in slot order, and the intended slot.</param>
    public static ItemDimensionCheck Of(IEnumerable<(IReadOnlyList<double> Scores, int IntendedDimension)> items, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(items);
        int n = 0, predicted = 0, intendedPredicted = 0, topOne = 0;
        foreach (var (scores, intended) in items)
        {
            if (intended < 0 || intended >= scores.Count)
                throw new ArgumentOutOfRangeException(nameof(items), intended, $"Item {n}: intended dimension must be between 0 and {scores.Count - 1}.");
            n++;
            var best = 0;
            for (var d = 0; d < scores.Count; d++)
            {
                if (scores[d] >= threshold)
                {
                    predicted++;
                    if (d == intended) intendedPredicted++;
                }
                if (scores[d] > scores[best]) best = d;
            }
            if (best == intended) topOne++;
        }
        return new ItemDimensionCheck(n, predicted, intendedPredicted, topOne);
    }
}
