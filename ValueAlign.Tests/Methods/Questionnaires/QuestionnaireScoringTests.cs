using ValueAlign.Core.Methods.Questionnaires;

namespace ValueAlign.Tests.Methods.Questionnaires;

public class QuestionnaireScoringTests
{
    private static readonly ResponseScale SixPoint = new(1, 6);

    [Fact]
    public void Reverse_keys_mirror_a_six_point_scale()
    {
        // 6 + 1 − r: 1→6, 2→5, 3→4, 6→1.
        Assert.Equal([6.0, 5, 4, 1], new double[] { 1, 2, 3, 6 }.Select(SixPoint.Reverse));
        // MFQ's 0..5: 5 + 0 − 1 = 4.
        Assert.Equal(4, new ResponseScale(0, 5).Reverse(1));
    }

    [Fact]
    public void Dimension_score_is_the_mean_of_keyed_items()
    {
        // Security: s1 = 5, s2 = 2 reverse-keyed → 5, s3 = 2 → mean (5 + 5 + 2)/3 = 4.
        // Power: p1 = 1, p2 = 6 reverse-keyed → 1 → mean 1.
        ItemResponse[] answers =
        [
            new("s1", "Security", false, 5), new("s2", "Security", true, 2), new("s3", "Security", false, 2),
            new("p1", "Power", false, 1), new("p2", "Power", true, 6),
        ];
        var scores = QuestionnaireScoring.DimensionScores(SixPoint, answers);
        Assert.Equal(["Power", "Security"], scores.Keys);
        Assert.Equal(4, scores["Security"], 12);
        Assert.Equal(1, scores["Power"], 12);
    }

    [Fact]
    public void Pvq_centring_subtracts_the_mean_over_all_items()
    {
        // Items: Security 6, 4; Power 2; Hedonism 4. MRAT = (6 + 4 + 2 + 4)/4 = 4.
        // Dimension means: Security 5, Power 2, Hedonism 4 → centred +1, −2, 0.
        // (The mean of dimension means would be 11/3; MRAT weights items, not dimensions.)
        ItemResponse[] answers =
        [
            new("1", "Security", false, 6), new("2", "Security", false, 4),
            new("3", "Power", false, 2), new("4", "Hedonism", false, 4),
        ];
        Assert.Equal(4, QuestionnaireScoring.MeanRating(SixPoint, answers), 12);
        var centred = QuestionnaireScoring.CentredScores(SixPoint, answers);
        Assert.Equal(1, centred["Security"], 12);
        Assert.Equal(-2, centred["Power"], 12);
        Assert.Equal(0, centred["Hedonism"], 12);
    }

    [Fact]
    public void Off_scale_responses_name_the_item()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            QuestionnaireScoring.DimensionScores(SixPoint, [new("q7", "Power", false, 7)]));
        Assert.Contains("q7", e.Message);
        Assert.Contains("1..6", e.Message);
    }

    [Fact]
    public void Duplicate_items_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            QuestionnaireScoring.DimensionScores(SixPoint, [new("q1", "Power", false, 2), new("q1", "Power", false, 3)]));
        Assert.Contains("q1", e.Message);
    }

    [Fact]
    public void Digit_distribution_renormalises_and_gives_expectation_and_mode()
    {
        // p("1".."4") = 0.1, 0.2, 0.3, 0.2 (0.2 of the mass on other tokens). Renormalised over
        // 0.8: 0.125, 0.25, 0.375, 0.25. Expected = 0.125 + 0.5 + 1.125 + 1.0 = 2.75. Mode 3.
        var d = DigitDistribution.FromLogProbs(new ResponseScale(1, 4), [Math.Log(0.1), Math.Log(0.2), Math.Log(0.3), Math.Log(0.2)]);
        Assert.Equal(0.125, d.Probabilities[0], 12);
        Assert.Equal(0.375, d.Probabilities[2], 12);
        Assert.Equal(2.75, d.Expected, 12);
        Assert.Equal(3, d.Mode);
    }

    [Fact]
    public void Digit_distribution_survives_very_negative_log_probs()
    {
        // exp(−1000) underflows to 0 on its own; shifting by the max gives 1/2 each → expected 1.5.
        var d = DigitDistribution.FromLogProbs(new ResponseScale(1, 2), [-1000, -1000]);
        Assert.Equal(1.5, d.Expected, 12);
        Assert.Equal(1, d.Mode);
    }

    [Fact]
    public void Digit_distribution_needs_one_log_prob_per_scale_value()
    {
        var e = Assert.Throws<ArgumentException>(() => DigitDistribution.FromLogProbs(SixPoint, [-1, -2]));
        Assert.Contains("6 values", e.Message);
    }
}
