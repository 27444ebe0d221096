using ValueAlign.Core.Runs.Metrics;

namespace ValueAlign.Core.Methods.Mova;

/// <summary>
/// MoVa metrics over a framework's dimensions: per dimension AUC and F1 at 0.5 (plus precision
/// and recall), and their macro averages, the unweighted mean over dimensions.
/// <para>Not fixed by the paper (documented): a dimension whose value is undefined — AUC when the
/// gold labels hold only one class, F1 when there are neither gold nor predicted positives — is
/// left out of that macro average rather than counted as 0 or 0.5, and
/// <see cref="MacroAverage.Dimensions"/> says how many were averaged. Counting it as 0 would
/// punish a model for the sample, not for its answers.</para>
/// </summary>
public sealed record MovaEvaluation(
    IReadOnlyList<DimensionMetrics> PerDimension,
    MacroAverage MacroAuc,
    MacroAverage MacroF1,
    MacroAverage MacroPrecision,
    MacroAverage MacroRecall)
{
    /// <param name="dimensions">Dimension names, in slot order.</param>
    /// <param name="scores">Per text, p(1) per dimension in slot order.</param>
    /// <param name="labels">Per text, the gold 0/1 per dimension in slot order.</param>
    public static MovaEvaluation Of(IReadOnlyList<string> dimensions, IReadOnlyList<IReadOnlyList<double>> scores, IReadOnlyList<IReadOnlyList<bool>> labels)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count)
            throw new ArgumentException($"{scores.Count} score rows but {labels.Count} label rows.", nameof(labels));
        for (var t = 0; t < scores.Count; t++)
        {
            if (scores[t].Count != dimensions.Count || labels[t].Count != dimensions.Count)
                throw new ArgumentException(
                    $"Text {t} has {scores[t].Count} scores and {labels[t].Count} labels; the framework has {dimensions.Count} dimensions.");
        }

        var perDimension = new List<DimensionMetrics>(dimensions.Count);
        for (var d = 0; d < dimensions.Count; d++)
        {
            var s = scores.Select(row => row[d]).ToList();
            var l = labels.Select(row => row[d]).ToList();
            perDimension.Add(new DimensionMetrics(dimensions[d], s.Count, l.Count(x => x), RocAuc.Of(s, l), BinaryConfusion.At(s, l)));
        }
        return new MovaEvaluation(
            perDimension,
            MacroAverage.Of(perDimension.Select(m => m.Auc)),
            MacroAverage.Of(perDimension.Select(m => m.F1)),
            MacroAverage.Of(perDimension.Select(m => m.Precision)),
            MacroAverage.Of(perDimension.Select(m => m.Recall)));
    }
}
