using ValueAlign.Core.Methods.Dilemmas;

namespace ValueAlign.Tests.Methods.Dilemmas;

public class FrameworkSummaryTests
{
    private static DilemmaJudgement J(string id, params (string Framework, int Rank, double Score)[] outcomes) =>
        new(id, outcomes.ToDictionary(o => o.Framework, o => o.Rank), outcomes.ToDictionary(o => o.Framework, o => o.Score));

    [Fact]
    public void Mean_rank_score_and_rank_distribution_per_framework()
    {
        // d1: care 1 (9), virtue 2 (8), util 3 (6), deon 4 (5), liber 5 (2)
        // d2: virtue 1 (9), care 2 (8), deon 3 (6), util 4 (5), liber 5 (3)
        // d3: care 1 (10), util 2 (7), virtue 3 (7), liber 4 (4), deon 5 (3)
        var summary = FrameworkSummary.Of(
        [
            J("d1", ("care", 1, 9), ("virtue", 2, 8), ("utilitarian", 3, 6), ("deontological", 4, 5), ("libertarian", 5, 2)),
            J("d2", ("virtue", 1, 9), ("care", 2, 8), ("deontological", 3, 6), ("utilitarian", 4, 5), ("libertarian", 5, 3)),
            J("d3", ("care", 1, 10), ("utilitarian", 2, 7), ("virtue", 3, 7), ("libertarian", 4, 4), ("deontological", 5, 3)),
        ]);

        // Mean ranks: care (1+2+1)/3 = 4/3, virtue (2+1+3)/3 = 2, utilitarian (3+4+2)/3 = 3,
        // deontological (4+3+5)/3 = 4, libertarian (5+5+4)/3 = 14/3 → that order.
        Assert.Equal(["care", "virtue", "utilitarian", "deontological", "libertarian"], summary.Select(s => s.Framework));
        var care = summary[0];
        Assert.Equal(3, care.Dilemmas);
        Assert.Equal(4.0 / 3, care.MeanRank, 12);
        // Care scores (9 + 8 + 10)/3 = 9; libertarian (2 + 3 + 4)/3 = 3.
        Assert.Equal(9, care.MeanScore, 12);
        Assert.Equal(3, summary[4].MeanScore, 12);
        // Care ranked 1 twice and 2 once; libertarian 5 twice and 4 once.
        Assert.Equal([2, 1, 0, 0, 0], care.RankCounts);
        Assert.Equal([0, 0, 0, 1, 2], summary[4].RankCounts);
    }

    [Fact]
    public void Ranks_must_be_a_permutation()
    {
        var e = Assert.Throws<ArgumentException>(() => J("d9", ("care", 1, 5), ("virtue", 1, 5), ("utilitarian", 3, 5)));
        Assert.Contains("d9", e.Message);
        Assert.Contains("1..3", e.Message);
    }

    [Fact]
    public void A_dilemma_judged_twice_is_rejected()
    {
        var j = J("d1", ("care", 1, 5), ("virtue", 2, 4));
        var e = Assert.Throws<ArgumentException>(() => FrameworkSummary.Of([j, j]));
        Assert.Contains("d1", e.Message);
    }

    [Fact]
    public void Scores_must_cover_the_ranked_frameworks()
    {
        Assert.Throws<ArgumentException>(() => new DilemmaJudgement("d1",
            new Dictionary<string, int> { ["care"] = 1, ["virtue"] = 2 },
            new Dictionary<string, double> { ["care"] = 5, ["utilitarian"] = 4 }));
    }
}
