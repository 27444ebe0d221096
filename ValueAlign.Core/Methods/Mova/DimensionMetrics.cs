using ValueAlign.Core.Runs.Metrics;

namespace ValueAlign.Core.Methods.Mova;

/// <summary>One dimension's scores over all texts: ROC AUC of the p(1) scores, and precision,
/// recall and F1 of the decision score ≥ 0.5. Undefined values are NaN (see <see cref="RocAuc"/>
/// and <see cref="BinaryConfusion"/>).</summary>
public sealed record DimensionMetrics(string Dimension, int Texts, int Positives, double Auc, BinaryConfusion Confusion)
{
    public double Precision => Confusion.Precision;
    public double Recall => Confusion.Recall;
    public double F1 => Confusion.F1;
}
