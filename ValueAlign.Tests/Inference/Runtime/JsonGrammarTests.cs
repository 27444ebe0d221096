using System.Text.Json;
using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Inference.Runtime;

public sealed class JsonGrammarTests
{
    [Fact]
    public void Grammar_for_a_rating_and_a_binary_slot_is_exact()
    {
        var grammar = JsonGrammar.ForObject(new JsonField("score", JsonFieldType.Rating1To5), new JsonField("applies", JsonFieldType.Binary));
        Assert.Equal(
            "root ::= \"{\" \"\\\"score\\\": \" field0 \", \\\"applies\\\": \" field1 \"}\"\n" +
            "field0 ::= [1-5]\n" +
            "field1 ::= [0-1]\n",
            grammar.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Grammar_for_every_value_type_has_one_rule_per_field_and_the_string_rule()
    {
        var grammar = JsonGrammar.ForObject(
            new JsonField("fixed", new JsonFieldType.Digit(3, 3)),
            new JsonField("reason", new JsonFieldType.Text(20)),
            new JsonField("weight", new JsonFieldType.Number()),
            new JsonField("ok", new JsonFieldType.Boolean()),
            new JsonField("tags", new JsonFieldType.TextArray(3, 10))).ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("field0 ::= \"3\"", grammar[1]);
        Assert.Equal("field1 ::= \"\\\"\" char{0,20} \"\\\"\"", grammar[2]);
        Assert.Equal("field2 ::= \"-\"? (\"0\" | [1-9] [0-9]{0,8}) (\".\" [0-9]{1,6})?", grammar[3]);
        Assert.Equal("field3 ::= (\"true\" | \"false\")", grammar[4]);
        Assert.Equal("field4 ::= \"[\" (\"\\\"\" char{0,10} \"\\\"\" (\", \" \"\\\"\" char{0,10} \"\\\"\"){0,2})? \"]\"", grammar[5]);
        Assert.Equal("char ::= [^\"\\\\\\x00-\\x1F] | \"\\\\\" [\"\\\\/bfnrt]", grammar[6]);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("quote\"")]
    [InlineData("")]
    public void Field_names_that_would_need_escaping_are_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => JsonGrammar.ForObject(new JsonField(name, JsonFieldType.Binary)));
        Assert.Contains("Field name", error.Message);
    }

    [Fact]
    public void Duplicate_fields_and_bad_digit_ranges_are_refused()
    {
        Assert.Throws<ArgumentException>(() => JsonGrammar.ForObject(new JsonField("a", JsonFieldType.Binary), new JsonField("a", JsonFieldType.Binary)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonFieldType.Digit(5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new JsonFieldType.Digit(0, 10));
    }
}

[Collection(StoriesModelCollection.Name)]
public sealed class GrammarGenerationTests(StoriesModelFixture fixture)
{
    [Fact]
    public async Task Output_under_the_json_grammar_always_parses_with_the_fields_in_order()
    {
        var grammar = JsonGrammar.ForObject(
            new JsonField("score", JsonFieldType.Rating1To5),
            new JsonField("applies", JsonFieldType.Binary),
            new JsonField("reason", new JsonFieldType.Text(24)),
            new JsonField("weight", new JsonFieldType.Number()),
            new JsonField("ok", new JsonFieldType.Boolean()),
            new JsonField("tags", new JsonFieldType.TextArray(3, 8)));
        var scores = new HashSet<int>();
        for (uint seed = 1; seed <= 24; seed++)
        {
            var options = new GenerationOptions { Temperature = 1.2f, TopK = null, TopP = null, MinP = null, Seed = seed, MaxTokens = 400, Grammar = grammar };
            var text = await fixture.Model.CompleteTextAsync("Rate the story as JSON:", options);
            using var json = JsonDocument.Parse(text);
            var properties = json.RootElement.EnumerateObject().ToArray();
            Assert.Equal(["score", "applies", "reason", "weight", "ok", "tags"], properties.Select(p => p.Name));
            Assert.InRange(properties[0].Value.GetInt32(), 1, 5);
            Assert.InRange(properties[1].Value.GetInt32(), 0, 1);
            Assert.True(properties[2].Value.GetString()!.Length <= 24);
            Assert.True(double.IsFinite(properties[3].Value.GetDouble()));
            Assert.Contains(properties[4].Value.ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
            Assert.InRange(properties[5].Value.GetArrayLength(), 0, 3);
            scores.Add(properties[0].Value.GetInt32());
        }
        Assert.True(scores.Count > 1, "Every seed gave the same score; sampling under the grammar is not varying.");
    }

    [Fact]
    public async Task An_invalid_grammar_fails_the_request_with_a_clear_error_and_the_model_keeps_working()
    {
        var options = GenerationOptions.Greedy(10) with { Grammar = "root ::= undefined-rule" };
        var error = await Assert.ThrowsAnyAsync<Exception>(() => fixture.Model.CompleteTextAsync("Once", options));
        Assert.Contains("grammar", error.Message, StringComparison.OrdinalIgnoreCase);
        var text = await fixture.Model.CompleteTextAsync("Once upon a time", GenerationOptions.Greedy(12));
        Assert.StartsWith(", there was a little girl named Lily.", text);
    }
}
