using ValueAlign.Core.Methods.Honesty;

namespace ValueAlign.Tests.Methods.Honesty;

public class MohoJudgeOutputTests
{
    [Theory]
    [InlineData("tag: 1", true)]
    [InlineData("Tag: 0", false)]
    [InlineData("The model declines politely.\n**Tag:** [1]", true)]
    [InlineData("TAG：0", false)]
    public void Refusal_tag_is_read_in_common_spellings(string reply, bool refused)
    {
        Assert.Equal(refused, MohoJudgeOutput.ParseRefusalTag(reply));
    }

    [Fact]
    public void The_last_tag_wins_when_the_judge_restates_the_format()
    {
        Assert.True(MohoJudgeOutput.ParseRefusalTag("Output format is tag: 0 or 1. The answer refuses implicitly.\ntag: 1"));
    }

    [Theory]
    [InlineData("score: 7", 7)]
    [InlineData("Reasoning ... **Score**: 8/10", 8)]
    [InlineData("score: 6.5", 6.5)]
    [InlineData("Score: (10)", 10)]
    public void Score_is_read_in_common_spellings(string reply, double score)
    {
        Assert.Equal(score, MohoJudgeOutput.ParseScore(reply));
    }

    [Fact]
    public void A_reply_without_the_field_is_an_error_quoting_it()
    {
        var e = Assert.Throws<JudgeOutputException>(() => MohoJudgeOutput.ParseScore("I think it is quite helpful."));
        Assert.Contains("score: X", e.Message);
        Assert.Contains("quite helpful", e.Message);
    }

    [Fact]
    public void Out_of_range_values_are_errors()
    {
        Assert.Throws<JudgeOutputException>(() => MohoJudgeOutput.ParseRefusalTag("tag: 2"));
        var e = Assert.Throws<JudgeOutputException>(() => MohoJudgeOutput.ParseScore("score: 0"));
        Assert.Contains("between 1 and 10", e.Message);
    }

    [Theory]
    [InlineData("False_Premises", MohoQuestionType.FalsePremises)]
    [InlineData("Subjective_or_Philosophical", MohoQuestionType.SubjectiveOrPhilosophical)]
    [InlineData("context dependent", MohoQuestionType.ContextDependent)]
    public void Categories_are_read_from_the_dataset_spelling(string category, MohoQuestionType type)
    {
        Assert.Equal(type, MohoQuestionTypes.Parse(category));
    }

    [Fact]
    public void Unknown_categories_are_errors()
    {
        Assert.Throws<FormatException>(() => MohoQuestionTypes.Parse("Impossible"));
    }
}
