namespace ValueAlign.Core.Methods.LongMab;

/// <summary>A DPO pair from one item's rollouts: the prompt over the whole context, the best- and the worst-rewarded answer.</summary>
public sealed record PreferencePair(
    string Prompt,
    string Chosen,
    string Rejected,
    int ChosenRound,
    int RejectedRound,
    double ChosenReward,
    double RejectedReward)
{
    /// <summary>
    /// The pair rule: chosen = the highest-reward rollout, rejected = the lowest (the earliest round
    /// wins a tie); no pair when every rollout has the same reward, since nothing separates them.
    /// </summary>
    public static PreferencePair? From(string prompt, IReadOnlyList<LongMabRollout> rollouts)
    {
        ArgumentNullException.ThrowIfNull(rollouts);
        if (rollouts.Count < 2) return null;
        var best = rollouts.OrderByDescending(r => r.Reward).ThenBy(r => r.Round).First();
        var worst = rollouts.OrderBy(r => r.Reward).ThenBy(r => r.Round).First();
        if (best.Reward == worst.Reward) return null;
        return new PreferencePair(prompt, best.Output, worst.Output, best.Round, worst.Round, best.Reward, worst.Reward);
    }
}
