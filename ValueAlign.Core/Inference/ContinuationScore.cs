namespace ValueAlign.Core.Inference;

/// <summary>Teacher-forced log-likelihood of a continuation: natural-log probability of each continuation token.</summary>
public sealed record ContinuationScore(IReadOnlyList<int> Tokens, IReadOnlyList<double> TokenLogProbs)
{
    public double Sum => TokenLogProbs.Sum();
    public double Mean => TokenLogProbs.Count == 0 ? 0 : Sum / TokenLogProbs.Count;
}
