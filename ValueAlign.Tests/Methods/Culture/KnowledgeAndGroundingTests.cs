using ValueAlign.Core.Methods.Culture;

namespace ValueAlign.Tests.Methods.Culture;

public class KnowledgeAndGroundingTests
{
    [Fact]
    public void Generalisation_compares_held_out_with_seen_themes()
    {
        // Seen: 3 of 4 correct = 0.75. Held out: 1 of 4 = 0.25. Gap 0.75 − 0.25 = 0.5.
        (bool HeldOut, bool Correct)[] results =
        [
            (false, true), (false, true), (false, true), (false, false),
            (true, true), (true, false), (true, false), (true, false),
        ];
        var k = KnowledgeGeneralisation.Of(results, r => r.HeldOut, r => r.Correct);
        Assert.Equal((4, 3), (k.Seen.N, k.Seen.Correct));
        Assert.Equal(0.25, k.HeldOut.Accuracy, 12);
        Assert.Equal(0.5, k.Gap, 12);
    }

    [Fact]
    public void Unfaithfulness_is_counted_among_correct_answers_only()
    {
        // Correct: 4 (verdicts yes, no, yes, no) → 2 unfaithful / 4 = 0.5.
        // The two incorrect answers (one unfaithful, one unjudged) are ignored.
        var g = GroundingValidity.Of(
        [
            (true, true), (true, false), (true, true), (true, false),
            (false, false), (false, null),
        ]);
        Assert.Equal((4, 2), (g.CorrectAnswers, g.Unfaithful));
        Assert.Equal(0.5, g.UnfaithfulnessRate, 12);
        Assert.True(g.Interval.Low < 0.5 && g.Interval.High > 0.5);
    }

    [Fact]
    public void A_correct_answer_without_verdict_is_an_error_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => GroundingValidity.Of([(true, true), (true, null)]));
        Assert.Contains("Result 1", e.Message);
    }

    [Fact]
    public void No_correct_answers_gives_an_undefined_rate()
    {
        Assert.True(double.IsNaN(GroundingValidity.Of([(false, null)]).UnfaithfulnessRate));
    }
}
