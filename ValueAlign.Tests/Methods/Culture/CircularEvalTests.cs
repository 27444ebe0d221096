using ValueAlign.Core.Methods.Culture;

namespace ValueAlign.Tests.Methods.Culture;

public class CircularEvalTests
{
    [Fact]
    public void Rotation_shifts_options_left_and_moves_the_answer()
    {
        // Rotation 1 of [A, B, C, D] shows [B, C, D, A]; answer C (2) is shown at 1.
        Assert.Equal(["B", "C", "D", "A"], OptionRotation.Rotate(["A", "B", "C", "D"], 1));
        Assert.Equal(1, OptionRotation.ShownIndex(2, 1, 4));
        // Rotation 3 shows [D, A, B, C]; answer A (0) is shown at (0 − 3) mod 4 = 1; shown 0 is D (3).
        Assert.Equal(1, OptionRotation.ShownIndex(0, 3, 4));
        Assert.Equal(3, OptionRotation.OriginalIndex(0, 3, 4));
    }

    [Fact]
    public void Shown_and_original_index_are_inverse_for_every_rotation()
    {
        for (var k = 0; k < 5; k++)
            for (var a = 0; a < 5; a++)
                Assert.Equal(a, OptionRotation.OriginalIndex(OptionRotation.ShownIndex(a, k, 5), k, 5));
    }

    [Fact]
    public void An_item_is_correct_only_if_right_under_every_rotation()
    {
        // Answer 2 of 4. The right shown positions are (2 − k) mod 4 = [2, 1, 0, 3].
        Assert.True(CircularEval.ItemCorrect(2, 4, [2, 1, 0, 3]));
        // A model that always says "A" (shown 0) is right only under rotation 2.
        Assert.False(CircularEval.ItemCorrect(2, 4, [0, 0, 0, 0]));
        Assert.False(CircularEval.ItemCorrect(2, 4, [2, 1, null, 3]));
    }

    [Fact]
    public void Circular_accuracy_is_the_share_of_fully_correct_items()
    {
        // Items: all rotations right, always "A", all right → 2 of 3.
        var items = new[]
        {
            CircularEval.ItemCorrect(2, 4, [2, 1, 0, 3]),
            CircularEval.ItemCorrect(2, 4, [0, 0, 0, 0]),
            CircularEval.ItemCorrect(0, 2, [0, 1]),
        };
        Assert.Equal(2.0 / 3, CircularEval.Accuracy(items), 12);
    }

    [Fact]
    public void Missing_rotations_are_an_error()
    {
        var e = Assert.Throws<ArgumentException>(() => CircularEval.ItemCorrect(0, 4, [0, 3]));
        Assert.Contains("4 expected, 2 given", e.Message);
    }

    [Fact]
    public void Total_and_length_normalised_choice_can_disagree()
    {
        // A: −4 over 2 tokens (mean −2). B: −6 over 6 tokens (mean −1).
        // Total picks A (−4 > −6); per-token mean picks B (−1 > −2).
        OptionLikelihood[] options = [new(-4, 2), new(-6, 6)];
        Assert.Equal(0, LikelihoodChoice.ByTotal(options));
        Assert.Equal(1, LikelihoodChoice.ByPerTokenMean(options));
    }

    [Fact]
    public void Likelihood_ties_go_to_the_lowest_index()
    {
        Assert.Equal(0, LikelihoodChoice.ByTotal([new(-1, 1), new(-1, 3)]));
    }

    [Fact]
    public void An_option_without_tokens_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OptionLikelihood(-1, 0));
    }
}
