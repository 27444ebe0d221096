using ValueAlign.Core.Annotation.Labels;
using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Tests.Annotation.Adjudication;

public class AnswerLabelTests
{
    private static readonly LabelQuestion Multi = new()
    {
        Key = "issues", Text = "Issues?", Kind = QuestionKind.MultipleChoice,
        Options = [new("typo", "Typo", "1"), new("bias", "Bias", "2"), new("wrong", "Wrong answer", "3")],
    };

    private static readonly LabelQuestion Single = LabelSchemaTemplates.Honesty().Question("unanswerable")!;

    [Fact]
    public void Multiple_choice_sets_become_one_sorted_label_so_equal_sets_agree()
    {
        var first = new AnnotationAnswers { Answers = new Dictionary<string, IReadOnlyList<string>> { ["issues"] = ["wrong", "bias"] } };
        var second = new AnnotationAnswers { Answers = new Dictionary<string, IReadOnlyList<string>> { ["issues"] = ["bias", "wrong"] } };
        Assert.Equal("bias|wrong", AnswerLabel.Of(Multi, first));
        Assert.Equal(AnswerLabel.Of(Multi, first), AnswerLabel.Of(Multi, second));
        Assert.Equal("Bias, Wrong answer", AnswerLabel.Display(Multi, "bias|wrong"));
        Assert.Equal("bias|typo", AnswerLabel.Normalise(Multi, "typo|bias"));
    }

    [Fact]
    public void Unanswered_questions_have_no_label_and_free_text_is_not_compared()
    {
        Assert.Null(AnswerLabel.Of(Single, new AnnotationAnswers()));
        Assert.False(AnswerLabel.IsComparable(LabelSchemaTemplates.Honesty().Question("comment")!));
        Assert.True(AnswerLabel.IsComparable(Single));
        Assert.Equal("Unsure", AnswerLabel.Display(Single, "unsure"));
    }

    [Fact]
    public void Validation_rejects_values_outside_the_schema_and_repeated_values()
    {
        Assert.Empty(AnswerLabel.Validate(Single, "no"));
        Assert.Contains("'maybe' is not one of yes, no, unsure", Assert.Single(AnswerLabel.Validate(Single, "maybe")));
        Assert.Single(AnswerLabel.Validate(Multi, "bias|bias"));
        Assert.Single(AnswerLabel.Validate(Single, " "));
    }
}
