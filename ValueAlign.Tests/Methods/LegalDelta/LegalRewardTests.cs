using ValueAlign.Core.Methods.LegalDelta;

namespace ValueAlign.Tests.Methods.LegalDelta;

public class LegalRewardTests
{
    // The shape of the dataset's SFT outputs (SFT_training.json), answer on its own lines.
    private const string WellFormed = "\n\n<reasoning>\n四起盗窃合计5428元。\n</reasoning>\n<answer>\n[金额]5428元<eoa>\n</answer>";

    [Fact]
    public void Information_gain_is_the_difference_of_mean_answer_scores()
    {
        // With reasoning mean (2 + 4)/2 = 3; direct mean (1 + 1)/2 = 1 → IG 2.
        Assert.Equal(2, InformationGain.Of([2, 4], [1, 1]), 12);
        Assert.Throws<ArgumentException>(() => InformationGain.Of([2, 4], [1]));
    }

    [Fact]
    public void Reward_scales_the_task_score_by_sigmoid_of_ig_over_five()
    {
        // IG 0: σ(0) = 0.5 → 4 · 0.5 + format 1 = 3.
        Assert.Equal(3, LegalReward.Of(4, 0, formatValid: true), 12);
        // IG 5: σ(1) = 1/(1 + e^−1) = 0.731059 → 5 · 0.731059 = 3.655293, no format reward.
        Assert.Equal(3.655293, LegalReward.Of(5, 5, formatValid: false), 6);
        // IG −5: σ(−1) = 0.268941 → 5 · 0.268941 = 1.344707.
        Assert.Equal(1.344707, LegalReward.Of(5, -5, formatValid: false), 6);
    }

    [Fact]
    public void Well_formed_output_passes_and_yields_its_answer()
    {
        Assert.True(LegalFormat.TryRead(WellFormed, out var reasoning, out var answer));
        Assert.Equal("四起盗窃合计5428元。", reasoning);
        Assert.Equal(new LegalAnswer(LegalTaskType.Amount, "5428元"), answer);
        Assert.True(LegalFormat.IsValid("<reasoning>x</reasoning><answer>[罪名]盗窃<eoa></answer>"));
        // The dataset's instruction shows the template inside a code fence; a fenced copy passes.
        Assert.True(LegalFormat.IsValid("```\n" + WellFormed + "\n```"));
    }

    [Theory]
    [InlineData("<answer>[金额]5428元<eoa></answer>")]                                         // no reasoning
    [InlineData("<reasoning>  </reasoning><answer>[金额]5428元<eoa></answer>")]                // blank reasoning
    [InlineData("<reasoning>x</reasoning><answer>[金额]5428元</answer>")]                      // no <eoa>
    [InlineData("<reasoning>x</reasoning><answer>[价格]5428元<eoa></answer>")]                 // unknown tag
    [InlineData("<reasoning>x</reasoning><answer>[金额]5428元<eoa></answer> more text")]       // trailing text
    [InlineData("Sure! <reasoning>x</reasoning><answer>[金额]5428元<eoa></answer>")]           // leading text
    [InlineData("<reasoning>x</reasoning><answer>[金额]1<eoa></answer><answer>[金额]2<eoa></answer>")] // two answers
    [InlineData("```<reasoning>x</reasoning><answer>[金额]1<eoa></answer>")]                  // unclosed fence
    [InlineData("<reason>x</reason><answer>[金额]1<eoa></answer>")]                         // wrong block name
    public void Malformed_output_fails_the_format_check(string output)
    {
        Assert.False(LegalFormat.IsValid(output));
    }

    [Fact]
    public void Model_answers_without_end_marker_are_still_read_for_scoring()
    {
        Assert.True(LegalAnswer.TryParse("[刑期]12月", out var a));
        Assert.Equal(new LegalAnswer(LegalTaskType.PrisonTerm, "12月"), a);
    }
}
