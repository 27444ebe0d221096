using System.Text.Json.Nodes;
using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Inference.Runtime;

public sealed class JsonSchemaFieldsTests
{
    [Fact]
    public void The_schema_of_grammar_fields_reads_back_as_the_same_fields()
    {
        JsonField[] fields =
        [
            new("score", JsonFieldType.Rating1To5),
            new("rubric", JsonFieldType.Rating1To10),
            new("why", new JsonFieldType.Text(40)),
            new("weight", new JsonFieldType.Number()),
            new("ok", new JsonFieldType.Boolean()),
            new("tags", new JsonFieldType.TextArray(3, 12)),
        ];
        var schema = JsonSchemaFields.ToSchema(fields);
        Assert.Equal(["score", "rubric", "why", "weight", "ok", "tags"], schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
        Assert.Equal(fields, JsonSchemaFields.FromSchema(JsonNode.Parse(schema.ToJsonString())));
        Assert.Equal(JsonGrammar.ForObject(fields), JsonGrammar.ForObject(JsonSchemaFields.FromSchema(schema)));
    }

    [Theory]
    [InlineData("""{"type":"array"}""", "object schema")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"null"}}}""", "type null")]
    [InlineData("""{"type":"object","properties":{"n":{"type":"integer","minimum":0,"maximum":1000}}}""", "0..100")]
    [InlineData("""{"type":"object","properties":{"xs":{"type":"array","items":{"type":"integer"}}}}""", "arrays of strings")]
    public void Schemas_outside_the_subset_are_refused_naming_the_problem(string schema, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => JsonSchemaFields.FromSchema(JsonNode.Parse(schema)));
        Assert.Contains(expected, error.Message);
    }
}
