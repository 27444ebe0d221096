using ValueAlign.Core.Methods.LongMab;

namespace ValueAlign.Tests.Methods.LongMab;

/// <summary>SubEM, token F1 and the reward against values worked out by hand.</summary>
public class QaScoreTests
{
    [Theory]
    [InlineData("The Eiffel Tower!", "eiffel tower")]
    [InlineData("  An   apple, a pear & THE plum. ", "apple pear plum")]
    [InlineData("Chief of Protocol", "chief of protocol")]
    [InlineData("Tessel–Kerrow “race”", "tesselkerrow race")]
    [InlineData("Theory", "theory")]
    public void Normalisation_lowers_and_drops_punctuation_articles_and_extra_spaces(string text, string expected) =>
        Assert.Equal(expected, AnswerNormalization.Normalize(text));

    [Theory]
    // pred {big, red, ball}, gold {red, ball}: P = 2/3, R = 1, F1 = 2·(2/3)/(5/3) = 0.8
    [InlineData("the big red ball", "a red ball", 0.8)]
    // multiset overlap: "ball ball" vs "ball": P = 1/2, R = 1, F1 = 2/3
    [InlineData("ball ball", "ball", 2.0 / 3)]
    [InlineData("An apple.", "apple", 1.0)]
    [InlineData("1889", "1881", 0.0)]
    // pred {she, served, as, chief, of, protocol} (6), gold {chief, of, protocol}: P = 1/2, R = 1, F1 = 2/3
    [InlineData("She served as Chief of Protocol", "Chief of Protocol", 2.0 / 3)]
    public void Token_f1_matches_hand_computed(string prediction, string gold, double expected) =>
        Assert.Equal(expected, QaScore.F1Of(prediction, gold), 12);

    [Theory]
    [InlineData("It was Marta Quell, the engineer.", "Marta Quell", 1.0)]
    [InlineData("Marta", "Marta Quell", 0.0)]
    [InlineData("the answer is THE BEATLES", "Beatles", 1.0)]
    [InlineData("anything", "The", 0.0)]
    public void Sub_exact_match_is_normalised_substring(string prediction, string gold, double expected) =>
        Assert.Equal(expected, QaScore.SubExactMatchOf(prediction, gold));

    [Fact]
    public void Reward_averages_the_best_subem_and_the_best_f1_over_aliases()
    {
        // SubEM: both aliases occur → 1. F1 vs "Brannock" = 2·(1/3)·1/(4/3) = 0.5; vs "Brannock town" = 2·(2/3)/(5/3) = 0.8.
        var score = QaScore.Of("Brannock town hall", ["Brannock", "Brannock town"]);
        Assert.Equal(1.0, score.SubExactMatch);
        Assert.Equal(0.8, score.F1, 12);
        Assert.Equal(0.9, score.Reward, 12);

        // "Marta" vs "Marta Quell": SubEM 0, F1 = 2·1·(1/2)/(3/2) = 2/3, reward 1/3.
        Assert.Equal(1.0 / 3, QaScore.Of("Marta", ["Marta Quell"]).Reward, 12);
        Assert.Throws<ArgumentException>(() => QaScore.Of("x", []));
    }

    [Theory]
    [InlineData("Reasoning here.\nAnswer: Marta Quell\n", "Marta Quell")]
    [InlineData("answer: first\nmore thought\nANSWER:  second  ", "second")]
    [InlineData("no label\n\nlast line here\n", "last line here")]
    [InlineData("", "")]
    public void Answer_is_read_after_the_last_answer_label(string output, string expected) =>
        Assert.Equal(expected, LongMabPrompts.ExtractAnswer(output));
}
