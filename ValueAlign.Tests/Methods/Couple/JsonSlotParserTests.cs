using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Couple;
using ValueAlign.Core.Methods.Structured;

namespace ValueAlign.Tests.Methods.Couple;

public sealed class JsonSlotParserTests
{
    private static readonly JsonField[] Fields = [new("power", JsonFieldType.Rating1To5), new("concept", new JsonFieldType.Text(20))];

    [Theory]
    [InlineData("I think power matters.", "no JSON object")]
    [InlineData("{\"power\": 3}", "missing field \"concept\"")]
    [InlineData("{\"power\": 7, \"concept\": \"x\"}", "field \"power\" is 7, outside 1..5")]
    [InlineData("{\"power\": \"3\", \"concept\": \"x\"}", "not a whole number")]
    [InlineData("{\"power\": 3, \"concept\": 4}", "not a string")]
    [InlineData("{\"power\": 3, \"concept\": \"x\"", "no JSON object")]
    public void Malformed_output_gives_a_clear_error(string output, string error)
    {
        var (values, message) = JsonSlotParser.Parse(output, Fields);
        Assert.Null(values);
        Assert.Contains(error, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Surrounding_text_is_ignored()
    {
        var (values, message) = JsonSlotParser.Parse("Sure: {\"power\": 4, \"concept\": \"rule\"} done", Fields);
        Assert.Null(message);
        Assert.Equal(4, values!["power"].GetInt32());
        Assert.Equal("rule", values["concept"].GetString());
    }
}
