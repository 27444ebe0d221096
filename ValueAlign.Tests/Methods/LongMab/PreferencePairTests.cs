using ValueAlign.Core.Methods.LongMab;

namespace ValueAlign.Tests.Methods.LongMab;

public class PreferencePairTests
{
    private static IReadOnlyList<LongMabRollout> Rollouts(params double[] rewards) =>
        [.. rewards.Select((r, i) => new LongMabRollout(i + 1, [0], [0], 0, $"out{i + 1}", "", 0, 0, r, [0]))];

    [Fact]
    public void Chosen_is_the_best_and_rejected_the_worst_rollout()
    {
        var pair = PreferencePair.From("P", Rollouts(0.5, 1, 0.5, 0))!;
        Assert.Equal(("out2", "out4", 2, 4, 1.0, 0.0), (pair.Chosen, pair.Rejected, pair.ChosenRound, pair.RejectedRound, pair.ChosenReward, pair.RejectedReward));
        Assert.Equal("P", pair.Prompt);
    }

    [Fact]
    public void Tied_best_or_worst_rewards_take_the_earliest_round()
    {
        var pair = PreferencePair.From("P", Rollouts(1, 1, 0, 0))!;
        Assert.Equal((1, 3), (pair.ChosenRound, pair.RejectedRound));
    }

    [Fact]
    public void Equal_rewards_or_a_single_rollout_give_no_pair()
    {
        Assert.Null(PreferencePair.From("P", Rollouts(0.5, 0.5, 0.5)));
        Assert.Null(PreferencePair.From("P", Rollouts(1)));
        Assert.Null(PreferencePair.From("P", Rollouts()));
    }
}
