using ValueAlign.Core.Methods.LongMab;

namespace ValueAlign.Tests.Methods.LongMab;

/// <summary>UCB selection and value updates against a sequence worked out by hand.</summary>
public class UcbBanditTests
{
    private static readonly double Bonus2 = Math.Sqrt(2 * Math.Log(2) / (1 + 1e-6));

    [Fact]
    public void Round_one_ranks_by_initial_value_then_unplayed_chunks_win()
    {
        var bandit = new UcbBandit([0.5, 0.2, 0.9]);
        // t = 1: ln 1 = 0, so UCB = v; top 2 = chunks 2 and 0, in document order.
        Assert.Equal([0.5, 0.2, 0.9], bandit.Scores(1));
        Assert.Equal([0, 2], bandit.Select(1, 2));

        bandit.Update([0, 2], 1.0);
        // n = 1 each; v0 = 0.5 + (1 − 0.5)/2 = 0.75; v2 = 0.9 + (1 − 0.9)/2 = 0.95.
        Assert.Equal([1, 0, 1], bandit.Counts);
        Assert.Equal(0.75, bandit.Values[0], 12);
        Assert.Equal(0.2, bandit.Values[1], 12);
        Assert.Equal(0.95, bandit.Values[2], 12);

        // t = 2: UCB0 = 0.75 + sqrt(2 ln 2 / (1 + ε)), UCB1 = 0.2 + sqrt(2 ln 2 / ε) ≈ 1177.6, UCB2 = 0.95 + sqrt(2 ln 2 / (1 + ε)).
        var scores = bandit.Scores(2);
        Assert.Equal(0.75 + Bonus2, scores[0], 9);
        Assert.Equal(0.2 + Math.Sqrt(2 * Math.Log(2) / 1e-6), scores[1], 6);
        Assert.Equal(0.95 + Bonus2, scores[2], 9);
        Assert.Equal([1, 2], bandit.Select(2, 2));

        bandit.Update([1, 2], 0.0);
        // v1 = 0.2 + (0 − 0.2)/2 = 0.1; n2 = 2, v2 = 0.95 + (0 − 0.95)/3 = 0.6333…
        Assert.Equal(0.1, bandit.Values[1], 12);
        Assert.Equal(0.95 * 2 / 3, bandit.Values[2], 12);
        Assert.Equal([1, 1, 2], bandit.Counts);

        // t = 3: UCB0 = 0.75 + sqrt(2 ln 3), UCB1 = 0.1 + sqrt(2 ln 3), UCB2 = 0.6333 + sqrt(ln 3) → 0 then 2.
        var b3 = Math.Sqrt(2 * Math.Log(3) / (1 + 1e-6));
        Assert.Equal(0.75 + b3, bandit.Scores(3)[0], 9);
        Assert.Equal(0.95 * 2 / 3 + Math.Sqrt(2 * Math.Log(3) / (2 + 1e-6)), bandit.Scores(3)[2], 9);
        Assert.Equal([0, 2], bandit.Select(3, 2));
    }

    [Fact]
    public void Ties_go_to_the_earlier_chunk_and_k_is_capped_at_the_chunk_count()
    {
        var bandit = new UcbBandit([0.3, 0.3, 0.3]);
        Assert.Equal([0], bandit.Select(1, 1));
        Assert.Equal([0, 1, 2], bandit.Select(1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => bandit.Scores(0));
        Assert.Throws<ArgumentException>(() => new UcbBandit([]));
    }
}
