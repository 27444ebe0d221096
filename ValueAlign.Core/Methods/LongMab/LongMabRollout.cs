namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// One round of the bandit for one item: the chunks taken (document order) and their UCB scores,
/// the sampling seed, the model's reasoning answer, the answer read from it, its scores, and every
/// chunk's value after the update (the heatmap and the reward curve are drawn from these).
/// </summary>
public sealed record LongMabRollout(
    int Round,
    IReadOnlyList<int> Chunks,
    IReadOnlyList<double> ChunkScores,
    uint Seed,
    string Output,
    string Answer,
    double SubExactMatch,
    double F1,
    double Reward,
    IReadOnlyList<double> ValuesAfter);
