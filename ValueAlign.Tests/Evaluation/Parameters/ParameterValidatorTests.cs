using System.Text.Json;
using ValueAlign.Core.Evaluation.Parameters;

namespace ValueAlign.Tests.Evaluation.Parameters;

/// <summary>The one validator of method parameters: the texts the form, the CLI and the methods show.</summary>
public sealed class ParameterValidatorTests
{
    internal static readonly ParameterSchema Schema = new("demo",
    [
        MethodParameter.Integer("maxTokens", 1, 4096, 96, "Answer budget.") with { Preset = true },
        MethodParameter.Number("temperature", 0, 2, 0.7, "Sampling temperature."),
        MethodParameter.Flag("circular", false, "Rotate options.") with { Preset = true },
        MethodParameter.Choice("mode", ["likelihood", "generate"], "likelihood", "How to answer.") with { Preset = true },
        MethodParameter.Text("trait", "big-five:openness", "Target trait.") with { Required = true },
        MethodParameter.TextList("themes", "Held-out themes."),
        MethodParameter.TextList("methods", "Methods.", ["raw", "couple"]),
        MethodParameter.IntegerList("exclude", "Item ids."),
        MethodParameter.Json("objectives", "Objectives."),
    ]);

    private static IReadOnlyList<ParameterError> Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Validate(document.RootElement);
    }

    [Theory]
    [InlineData("""{"trait":"t","maxTokens":5000}""", "maxTokens", "The demo parameter 'maxTokens' must be a whole number between 1 and 4096, got 5000.")]
    [InlineData("""{"trait":"t","maxTokens":0}""", "maxTokens", "The demo parameter 'maxTokens' must be a whole number between 1 and 4096, got 0.")]
    [InlineData("""{"trait":"t","maxTokens":2.5}""", "maxTokens", "The demo parameter 'maxTokens' must be a whole number between 1 and 4096, got 2.5.")]
    [InlineData("""{"trait":"t","maxTokens":"many"}""", "maxTokens", "The demo parameter 'maxTokens' must be a whole number between 1 and 4096, got \"many\".")]
    [InlineData("""{"trait":"t","temperature":2.5}""", "temperature", "The demo parameter 'temperature' must be a number between 0 and 2, got 2.5.")]
    [InlineData("""{"trait":"t","circular":"yes"}""", "circular", "The demo parameter 'circular' must be true or false, got \"yes\".")]
    [InlineData("""{"trait":"t","mode":"guess"}""", "mode", "The demo parameter 'mode' must be one of likelihood, generate, got \"guess\".")]
    [InlineData("""{"trait":"  "}""", "trait", "The demo parameter 'trait' is required.")]
    [InlineData("""{}""", "trait", "The demo parameter 'trait' is required.")]
    [InlineData("""{"trait":7}""", "trait", "The demo parameter 'trait' must be text, got 7.")]
    [InlineData("""{"trait":"t","themes":"food"}""", "themes", "The demo parameter 'themes' must be a list of text values such as [\"a\", \"b\"], got \"food\".")]
    [InlineData("""{"trait":"t","methods":["raw","magic"]}""", "methods", "The demo parameter 'methods' lists 'magic', which is not one of raw, couple.")]
    [InlineData("""{"trait":"t","exclude":[1,"x"]}""", "exclude", "The demo parameter 'exclude' must be a list of whole numbers such as [12, 15], got [1,\"x\"].")]
    [InlineData("""{"trait":"t","objectives":3}""", "objectives", "The demo parameter 'objectives' must be a JSON array or object, got 3.")]
    [InlineData("""{"trait":"t","circluar":true}""", "circluar", "Unknown demo parameter 'circluar'; allowed: maxTokens, temperature, circular, mode, trait, themes, methods, exclude, objectives.")]
    public void A_bad_value_gives_one_error_naming_the_parameter_its_rule_and_what_was_given(string json, string parameter, string message)
    {
        var error = Assert.Single(Validate(json));

        Assert.Equal(parameter, error.Parameter);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Valid_values_at_the_bounds_and_null_for_optional_ones_pass()
    {
        Assert.Empty(Validate("""{"trait":"t","maxTokens":1,"temperature":2,"circular":true,"mode":"generate","themes":[],"methods":["couple"],"exclude":[3,4],"objectives":[{}]}"""));
        Assert.Empty(Validate("""{"trait":"t","maxTokens":4096,"temperature":null}"""));
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var errors = Validate("""{"maxTokens":0,"typo":1}""");

        Assert.Equal(["maxTokens", "trait", "typo"], errors.Select(e => e.Parameter));
    }

    [Fact]
    public void A_non_object_or_broken_json_is_one_error_for_the_whole_object()
    {
        Assert.Equal("The demo parameters must be a JSON object such as {\"name\": value}, got [1].", Assert.Single(Validate("[1]")).Message);
        Assert.Null(Assert.Single(Schema.Validate("{\"maxTokens\":")).Parameter);
        Assert.StartsWith("The demo parameters are not valid JSON:", Assert.Single(Schema.Validate("{\"maxTokens\":")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_schema_accepts_any_object_and_Require_throws_every_message_a_line()
    {
        using var document = JsonDocument.Parse("""{"anything":[1,2]}""");
        Assert.Empty(ParameterSchema.Open("x").Validate(document.RootElement));

        using var bad = JsonDocument.Parse("""{"maxTokens":0,"typo":1}""");
        var thrown = Assert.Throws<ArgumentException>(() => Schema.Require(bad.RootElement));
        Assert.Equal(3, thrown.Message.Split(Environment.NewLine).Length);
    }

    [Fact]
    public void Defaults_are_the_preset_parameters_in_canonical_form_and_must_themselves_be_valid()
    {
        Assert.Equal("""{"circular":false,"maxTokens":96,"mode":"likelihood"}""", Schema.DefaultsJson);
        Assert.Equal("1–4096", Schema.Find("maxTokens")!.RangeText);

        var bad = Assert.Throws<ArgumentException>(() => new ParameterSchema("demo", [MethodParameter.Integer("n", 1, 10, 11, "n")]));
        Assert.Contains("'n' must be a whole number between 1 and 10, got 11", bad.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ParameterSchema("demo", [MethodParameter.Flag("a", true, ""), MethodParameter.Flag("a", false, "")]));
    }
}
