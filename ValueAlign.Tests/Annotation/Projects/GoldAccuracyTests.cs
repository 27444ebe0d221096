using ValueAlign.Core.Annotation.Quality;
using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Tests.Annotation.Projects;

/// <summary>Gold accuracy against hand-computed counts.</summary>
public class GoldAccuracyTests
{
    private static AnnotationAnswers Answers(params (string Key, string[] Values)[] answers) => new()
    {
        Answers = answers.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Values),
    };

    private static readonly AnnotationAnswers GoldOne = Answers(("unanswerable", ["yes"]), ("type", ["false-premises"]), ("reason-correct", ["yes"]), ("comment", ["the premise is false"]));
    // The gold leaves reason-correct open: it is not scored on this item.
    private static readonly AnnotationAnswers GoldTwo = Answers(("unanswerable", ["no"]), ("type", ["answerable"]));

    [Fact]
    public void Per_annotator_and_per_question_counts_match_the_hand_computed_table()
    {
        // a: item 1 right on 2 of 3 (reason wrong), item 2 right on 2 of 2  → items 1/2, answers 4/5
        // b: item 1 right on 2 of 3 (unanswerable wrong), item 2 right on 1 of 2 (type wrong) → items 0/2, answers 3/5
        var report = GoldAccuracy.Compute(LabelSchemaTemplates.Honesty(),
        [
            new GoldAnswer("a", 1, Answers(("unanswerable", ["yes"]), ("type", ["false-premises"]), ("reason-correct", ["no"]), ("comment", ["different words"])), GoldOne),
            new GoldAnswer("a", 2, Answers(("unanswerable", ["no"]), ("type", ["answerable"]), ("reason-correct", ["unsure"])), GoldTwo),
            new GoldAnswer("b", 1, Answers(("unanswerable", ["unsure"]), ("type", ["false-premises"]), ("reason-correct", ["yes"])), GoldOne),
            new GoldAnswer("b", 2, Answers(("unanswerable", ["no"]), ("type", ["vague-description"]), ("reason-correct", ["yes"])), GoldTwo),
        ]);

        Assert.Equal(["a", "b"], report.Annotators.Select(a => a.AnnotatorId));
        var a = report.For("a")!;
        Assert.Equal(new GoldScore(2, 1), a.Items);
        Assert.Equal(new GoldScore(5, 4), a.Answers);
        Assert.Equal(0.8, a.Answers.Accuracy!.Value, 12);
        Assert.Equal(new GoldScore(2, 2), a.PerQuestion["unanswerable"]);
        Assert.Equal(new GoldScore(2, 2), a.PerQuestion["type"]);
        Assert.Equal(new GoldScore(1, 0), a.PerQuestion["reason-correct"]);
        Assert.False(a.PerQuestion.ContainsKey("comment"));

        var b = report.For("b")!;
        Assert.Equal(new GoldScore(2, 0), b.Items);
        Assert.Equal(new GoldScore(5, 3), b.Answers);
        Assert.Equal(new GoldScore(2, 1), b.PerQuestion["unanswerable"]);
        Assert.Equal(new GoldScore(2, 1), b.PerQuestion["type"]);
        Assert.Equal(new GoldScore(1, 1), b.PerQuestion["reason-correct"]);

        Assert.Equal(new GoldScore(4, 3), report.PerQuestion["unanswerable"]);
        Assert.Equal(new GoldScore(4, 3), report.PerQuestion["type"]);
        Assert.Equal(new GoldScore(2, 1), report.PerQuestion["reason-correct"]);
        Assert.Equal(0.75, report.PerQuestion["type"].Accuracy!.Value, 12);
    }

    [Fact]
    public void Multiple_choice_needs_exactly_the_gold_set_in_any_order_and_a_missing_answer_is_wrong()
    {
        var schema = new LabelSchema
        {
            Questions =
            [
                new LabelQuestion { Key = "issues", Text = "Issues?", Kind = QuestionKind.MultipleChoice, Options = [new("x", "X", "1"), new("y", "Y", "2"), new("z", "Z", "3")] },
                new LabelQuestion { Key = "clarity", Text = "Clarity", Kind = QuestionKind.Likert, Points = 5, Required = false },
            ],
        };
        var gold = Answers(("issues", ["x", "y"]), ("clarity", ["4"]));

        var report = GoldAccuracy.Compute(schema,
        [
            new GoldAnswer("same-set", 1, Answers(("issues", ["y", "x"]), ("clarity", ["4"])), gold),
            new GoldAnswer("subset", 1, Answers(("issues", ["x"]), ("clarity", ["4"])), gold),
            new GoldAnswer("superset", 1, Answers(("issues", ["x", "y", "z"]), ("clarity", ["3"])), gold),
            new GoldAnswer("silent", 1, Answers(("issues", ["x", "y"])), gold),
        ]);

        Assert.Equal(new GoldScore(1, 1), report.For("same-set")!.Items);
        Assert.Equal(new GoldScore(1, 0), report.For("subset")!.PerQuestion["issues"]);
        Assert.Equal(new GoldScore(1, 1), report.For("subset")!.PerQuestion["clarity"]);
        Assert.Equal(new GoldScore(2, 0), report.For("superset")!.Answers);
        Assert.Equal(new GoldScore(1, 0), report.For("silent")!.PerQuestion["clarity"]);
        Assert.Equal(new GoldScore(4, 2), report.PerQuestion["issues"]);
    }

    [Fact]
    public void No_gold_answers_give_an_empty_report_with_no_accuracy()
    {
        var report = GoldAccuracy.Compute(LabelSchemaTemplates.Honesty(),
            [new GoldAnswer("a", 1, Answers(("comment", ["x"])), Answers(("comment", ["only free text"])))]);
        Assert.Empty(report.Annotators);
        Assert.Null(report.For("a"));
        Assert.Null(GoldScore.None.Accuracy);
    }
}
