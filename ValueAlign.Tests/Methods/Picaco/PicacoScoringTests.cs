using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Methods.Picaco;

namespace ValueAlign.Tests.Methods.Picaco;

/// <summary>The scoring rule, pool selection and refinement objective against hand-computed values.</summary>
public sealed class PicacoScoringTests
{
    [Fact]
    public void Score_is_the_sum_of_log_conformity_minus_log_parroting()
    {
        var score = new ResponseScore([Math.Log(0.5), Math.Log(0.25)], 0.5, 1e-3);
        // ln 0.5 + ln 0.25 − ln 0.5 = ln 0.25 = −1.386294
        Assert.Equal(-1.386294, score.Score, 6);
        Assert.Equal(Math.Sqrt(0.5 * 0.25), score.Alignment, 12);
        Assert.Equal(0.5, score.ParrotingProbability);
    }

    [Fact]
    public void Parroting_below_the_floor_is_raised_to_it()
    {
        var score = new ResponseScore([0.0], -0.3, 0.01);
        Assert.Equal(0.01, score.ParrotingProbability);
        Assert.Equal(-Math.Log(0.01), score.Score, 12);
    }

    [Fact]
    public void Aligned_pool_keeps_the_best_scores_and_ties_go_to_the_earlier_sample()
    {
        var pool = new[] { Response("a", 1, 0, 0.1), Response("b", 1, 1, 0.7) };
        var added = new[] { Response("c", 2, 0, 0.7), Response("d", 2, 1, 0.9), Response("e", 2, 2, -2) };

        var kept = ResponsePools.KeepBest(pool, added, 3);

        Assert.Equal(new[] { "d", "b", "c" }, kept.Select(r => r.Text));
        Assert.Equal(new[] { "d", "b" }, ResponsePools.KeepBest(pool, added, 2).Select(r => r.Text));
        Assert.Equal(5, ResponsePools.KeepBest(pool, added, 10).Count);
    }

    [Fact]
    public void Noisy_pool_keeps_the_most_parroting_whatever_their_score()
    {
        var pool = new[] { Response("low-cos", 1, 0, 5, parroting: 0.2) };
        var added = new[] { Response("high-cos", 2, 0, -5, parroting: 0.9), Response("mid-cos", 2, 1, 0, parroting: 0.5) };

        Assert.Equal(new[] { "high-cos", "mid-cos" }, ResponsePools.KeepMostParroting(pool, added, 2).Select(r => r.Text));
    }

    [Fact]
    public void Objective_weights_log_likelihoods_by_alignment_and_parroting()
    {
        // aligned: (−2 · 0.5 + −4 · 0.25) / 2 = −1; noisy: (−10 · 0.8) / 1 = −8; J = −1 − (−8) = 7
        var objective = RefinementObjective.Evaluate([(-2, 0.5), (-4, 0.25)], [(-10, 0.8)]);

        Assert.Equal(-1, objective.AlignmentTerm, 12);
        Assert.Equal(-8, objective.ParrotingTerm, 12);
        Assert.Equal(7, objective.Objective, 12);
        Assert.Equal(-1, RefinementObjective.Evaluate([(-2, 0.5), (-4, 0.25)], []).Objective, 12);
    }

    [Fact]
    public void Two_way_softmax_in_log_space_is_stable()
    {
        // p = 0.6 / (0.6 + 0.2) = 0.75
        Assert.Equal(Math.Log(0.75), BinarySlotJudge.LogOfFirstOverBoth(Math.Log(0.6), Math.Log(0.2)), 12);
        Assert.Equal(-1000, BinarySlotJudge.LogOfFirstOverBoth(-1000, 0), 9);
        Assert.Equal(0, BinarySlotJudge.LogOfFirstOverBoth(0, -1000), 9);
        Assert.Throws<ArgumentException>(() => BinarySlotJudge.LogOfFirstOverBoth(double.NegativeInfinity, double.NegativeInfinity));
    }

    private static ScoredResponse Response(string text, int round, int sample, double logConformity, double parroting = 0.5) =>
        new("x", text, round, sample, new ResponseScore([logConformity + Math.Log(parroting)], parroting, 1e-3));
}
