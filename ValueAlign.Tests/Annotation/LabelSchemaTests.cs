using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Tests.Annotation;

public class LabelSchemaTests
{
    public static TheoryData<string> Templates => new(LabelSchemaTemplates.All.Keys);

    [Theory]
    [MemberData(nameof(Templates))]
    public void Shipped_templates_are_valid_and_round_trip_through_json(string name)
    {
        var schema = LabelSchemaTemplates.All[name];
        Assert.Empty(schema.Validate());
        var json = schema.ToJson();
        var back = LabelSchema.FromJson(json);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(schema.Questions.Select(q => (q.Key, q.Kind, q.Options.Count)), back.Questions.Select(q => (q.Key, q.Kind, q.Options.Count)));
        Assert.Equal(schema.Flags.Select(f => (f.Value, f.Key)), back.Flags.Select(f => (f.Value, f.Key)));
    }

    [Theory]
    [InlineData(LabelSchemaTemplates.HonestyName)]
    [InlineData(LabelSchemaTemplates.CultureName)]
    public void Item_templates_share_the_standard_flags(string name) =>
        Assert.Equal(["ambiguous", "offensive", "media-missing"], LabelSchemaTemplates.All[name].Flags.Select(f => f.Value));

    [Fact]
    public void Preference_template_asks_which_answer_is_better_with_flags_and_a_comment()
    {
        var schema = LabelSchemaTemplates.All[ValueAlign.Core.Annotation.Preference.PreferenceSchema.TemplateName];
        Assert.Equal(["better", "comment"], schema.Questions.Select(q => q.Key));
        Assert.Equal(["a", "b", "tie", "both-wrong"], schema.Question("better")!.Options.Select(o => o.Value));
        Assert.Equal(["1", "2", "3", "4"], schema.Question("better")!.Options.Select(o => o.Key));
        Assert.Equal(["unsupported", "gold-wrong", "ambiguous", "offensive"], schema.Flags.Select(f => f.Value));
        Assert.False(schema.Question("comment")!.Required);
    }

    [Fact]
    public void Honesty_template_asks_the_mohobench_questions()
    {
        var schema = LabelSchemaTemplates.Honesty();
        Assert.Equal(["unanswerable", "type", "reason-correct", "comment"], schema.Questions.Select(q => q.Key));
        Assert.Equal(
            ["Context Dependent", "False Premises", "Subjective or Philosophical", "Vague Description", "Answerable"],
            schema.Question("type")!.Options.Select(o => o.Label));
        Assert.Equal(["1", "2", "3", "4", "5"], schema.Question("type")!.Options.Select(o => o.Key));
        Assert.Equal(QuestionKind.FreeText, schema.Question("comment")!.Kind);
        Assert.False(schema.Question("comment")!.Required);
    }

    [Fact]
    public void Culture_template_asks_the_mma_asia_questions()
    {
        var schema = LabelSchemaTemplates.Culture();
        Assert.Equal(["answer-correct", "culture-specific", "knowledge-supports", "variant-faithful", "comment"], schema.Questions.Select(q => q.Key));
        Assert.Contains("culture-specific knowledge", schema.Question("culture-specific")!.Text);
    }

    [Fact]
    public void Json_uses_readable_names()
    {
        var json = LabelSchemaTemplates.Honesty().ToJson();
        Assert.Contains("\"kind\":\"singleChoice\"", json);
        Assert.Contains("\"kind\":\"freeText\"", json);
        Assert.Contains("{\"value\":\"ambiguous\",\"label\":\"Ambiguous\",\"key\":\"a\"}", json);
    }

    [Fact]
    public void Duplicate_keys_and_values_are_reported_each()
    {
        var schema = new LabelSchema
        {
            Questions =
            [
                new LabelQuestion
                {
                    Key = "q", Text = "Q?", Kind = QuestionKind.SingleChoice,
                    Options = [new("yes", "Yes", "1"), new("yes", "Also yes", "1"), new("no", "No", "a")],
                },
                new LabelQuestion { Key = "q", Text = "Again?", Kind = QuestionKind.FreeText },
            ],
            Flags = [new("ambiguous", "Ambiguous", "a"), new("odd", "Odd", "A"), new("skip", "Skip", "s")],
        };
        var errors = schema.Validate();
        Assert.Contains("Question key 'q' is used more than once.", errors);
        Assert.Contains("Question 'q': option value 'yes' is used more than once.", errors);
        Assert.Contains("Question 'q': key '1' picks more than one option.", errors);
        Assert.Contains("Question 'q': option 'no' uses key 'a', which is taken by a flag.", errors);
        Assert.Contains("Flag key 'a' toggles more than one flag.", errors);
        Assert.Contains("Flag 'skip' uses key 's', which the page reserves (S skip, U undo).", errors);
        Assert.Throws<LabelSchemaException>(schema.EnsureValid);
    }

    [Fact]
    public void Kind_specific_rules_are_checked()
    {
        var schema = new LabelSchema
        {
            Questions =
            [
                new LabelQuestion { Key = "one", Text = "One option?", Kind = QuestionKind.MultipleChoice, Options = [new("x", "X", "1")] },
                new LabelQuestion { Key = "scale", Text = "Scale?", Kind = QuestionKind.Likert, Points = 12 },
                new LabelQuestion { Key = "Bad Key", Text = "Key?", Kind = QuestionKind.Likert, Points = 5 },
                new LabelQuestion { Key = "text", Text = "Text?", Kind = QuestionKind.FreeText, Points = 3 },
            ],
        };
        var errors = schema.Validate();
        Assert.Contains("Question 'one': a choice question needs at least two options.", errors);
        Assert.Contains("Question 'scale': a Likert question needs 2..9 points (the number keys pick them).", errors);
        Assert.Contains("Question 'Bad Key': the key must be lower-case letters, digits and dashes.", errors);
        Assert.Contains("Question 'text': a free-text question has no options or points.", errors);
        Assert.Empty(new LabelSchema { Questions = [] }.Validate().Except(["The schema has no questions."]));
    }

    [Fact]
    public void Broken_json_names_the_line_and_path()
    {
        var error = Assert.Throws<LabelSchemaException>(() => LabelSchema.FromJson("{\n  \"questions\": [\n    {\"key\": \"q\", \"text\": \"Q\", \"kind\": \"sometimes\"}\n  ]\n}"));
        Assert.Contains("line 3", error.Message);
        Assert.Contains("$.questions[0].kind", error.Message);

        var missing = Assert.Throws<LabelSchemaException>(() => LabelSchema.FromJson("{\"flags\": []}"));
        Assert.Contains("questions", missing.Message);
    }

    [Fact]
    public void Answers_are_checked_against_the_schema()
    {
        var schema = new LabelSchema
        {
            Questions =
            [
                new LabelQuestion { Key = "pick", Text = "Pick?", Kind = QuestionKind.MultipleChoice, Options = [new("a", "A", "1"), new("b", "B", "2")] },
                new LabelQuestion { Key = "agree", Text = "Agree?", Kind = QuestionKind.Likert, Points = 5 },
                new LabelQuestion { Key = "note", Text = "Note", Kind = QuestionKind.FreeText, Required = false },
            ],
            Flags = [new("odd", "Odd", "o")],
        };
        var good = new AnnotationAnswers
        {
            Answers = new Dictionary<string, IReadOnlyList<string>> { ["pick"] = ["a", "b"], ["agree"] = ["5"], ["note"] = ["fine"] },
            Flags = ["odd"],
        };
        Assert.Empty(good.Validate(schema));
        Assert.Equal(good.ToJson(), AnnotationAnswers.FromJson(good.ToJson()).ToJson());

        var bad = new AnnotationAnswers
        {
            Answers = new Dictionary<string, IReadOnlyList<string>> { ["pick"] = ["a", "a"], ["agree"] = ["6"], ["extra"] = ["x"] },
            Flags = ["nope"],
        };
        var errors = bad.Validate(schema);
        Assert.Contains("'extra' is not a question of the schema.", errors);
        Assert.Contains("Question 'pick' has the same answer twice.", errors);
        Assert.Contains("Question 'agree': '6' is not one of 1, 2, 3, 4, 5.", errors);
        Assert.Contains("'nope' is not a flag of the schema.", errors);
        Assert.DoesNotContain(errors, e => e.Contains("'note'"));
    }
}
