namespace ValueAlign.Core.Methods.LongMab;

/// <summary>What the live page draws from a trace: the chunk × round selection matrix and the reward curve.</summary>
public static class LongMabTraceCharts
{
    /// <summary>[chunk][round − 1] = 1 when the chunk was taken in that round, else 0.</summary>
    public static int[][] SelectionMatrix(LongMabTrace trace)
    {
        var matrix = trace.Chunks.Select(_ => new int[trace.Rollouts.Count]).ToArray();
        foreach (var rollout in trace.Rollouts)
        {
            foreach (var chunk in rollout.Chunks)
            {
                matrix[chunk][rollout.Round - 1] = 1;
            }
        }
        return matrix;
    }

    /// <summary>Each round's reward and the best reward up to that round.</summary>
    public static (IReadOnlyList<double> Rewards, IReadOnlyList<double> BestSoFar) RewardCurve(LongMabTrace trace)
    {
        var rewards = trace.Rollouts.Select(r => r.Reward).ToList();
        var best = new List<double>(rewards.Count);
        foreach (var reward in rewards)
        {
            best.Add(best.Count == 0 ? reward : Math.Max(best[^1], reward));
        }
        return (rewards, best);
    }

    /// <summary>How many times each chunk was taken over the rounds so far.</summary>
    public static IReadOnlyList<int> SelectionCounts(LongMabTrace trace) =>
        [.. SelectionMatrix(trace).Select(row => row.Sum())];
}
