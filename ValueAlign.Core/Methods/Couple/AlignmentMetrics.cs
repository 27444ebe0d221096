using ValueAlign.Core.Runs.Metrics;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// How close an attributed profile is to the target: mean absolute error (lower is better, 0..4 on
/// a 1..5 scale) and Spearman's rank correlation (higher is better), both from the shared metric
/// functions. Spearman is NaN when either profile is constant (every rank tied: no ordering to
/// compare), which happens e.g. with a uniform target.
/// </summary>
public sealed record AlignmentMetrics(double MeanAbsoluteError, double Spearman)
{
    public static AlignmentMetrics Between(IReadOnlyList<double> attributed, IReadOnlyList<double> target)
    {
        if (attributed.Count != target.Count || attributed.Count == 0)
        {
            throw new ArgumentException($"Profiles must be non-empty and of equal length ({attributed.Count} vs {target.Count}).");
        }
        return new(Runs.Metrics.MeanAbsoluteError.Of(attributed, target), SpearmanCorrelation.Of(attributed, target));
    }
}
