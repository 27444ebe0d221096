using ValueAlign.Core.Evaluation.Parameters;

namespace ValueAlign.Tests.Evaluation.Parameters;

/// <summary>How `--params` and `--param key=value` become a parameter object, and how the form's object keeps the default hash.</summary>
public sealed class ParameterInputTests
{
    private static readonly ParameterSchema Schema = ParameterValidatorTests.Schema;

    [Fact]
    public void Neither_option_leaves_the_parameters_unset_as_before()
    {
        Assert.Null(ParameterAssignments.Compose(Schema, null, null));
        Assert.Null(ParameterAssignments.Compose(Schema, null, []));
    }

    [Fact]
    public void Each_assignment_is_read_by_its_parameter_type_on_top_of_the_json_and_the_result_is_canonical()
    {
        var json = ParameterAssignments.Compose(Schema, """{ "mode": "generate", "maxTokens": 10 }""",
            ["maxTokens=64", "temperature=0.5", "circular=true", "themes=etiquette, food", "exclude=3,4", "trait=big-five:openness", "objectives=[{\"a\":1}]"]);

        Assert.Equal("""{"circular":true,"exclude":[3,4],"maxTokens":64,"mode":"generate","objectives":[{"a":1}],"temperature":0.5,"themes":["etiquette","food"],"trait":"big-five:openness"}""", json);
    }

    [Fact]
    public void A_value_that_does_not_read_as_its_type_stays_text_so_the_validator_words_the_error()
    {
        var json = ParameterAssignments.Compose(Schema, null, ["maxTokens=many", "circular=yes", "typo=1"]);

        Assert.Equal("""{"circular":"yes","maxTokens":"many","typo":"1"}""", json);
        Assert.Equal(
            ["The demo parameter 'maxTokens' must be a whole number between 1 and 4096, got \"many\".",
             "The demo parameter 'circular' must be true or false, got \"yes\".",
             "The demo parameter 'trait' is required.",
             "Unknown demo parameter 'typo'; allowed: maxTokens, temperature, circular, mode, trait, themes, methods, exclude, objectives."],
            Schema.Validate(json).Select(e => e.Message));
    }

    [Theory]
    [InlineData(null, "maxTokens", "--param takes key=value, got 'maxTokens'.")]
    [InlineData("[1]", null, "--params must be a JSON object such as {\"name\": value}.")]
    [InlineData("{\"a\":", null, "--params is not valid JSON:")]
    public void Malformed_input_is_a_clear_error(string? json, string? assignment, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => ParameterAssignments.Compose(Schema, json, assignment is null ? [] : [assignment]));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_untouched_form_gives_the_defaults_and_a_non_preset_value_set_to_its_default_is_left_out()
    {
        var values = ParameterValues.Defaults(Schema);
        Assert.Equal(Schema.DefaultsJson, values.ToJson());
        Assert.Equal("The demo parameter 'trait' is required.", values.ErrorOf("trait"));
        Assert.False(values.IsValid);

        values.Set("trait", System.Text.Json.Nodes.JsonValue.Create("big-five:openness"));
        values.Set("temperature", System.Text.Json.Nodes.JsonValue.Create(0.7));
        values.Set("maxTokens", System.Text.Json.Nodes.JsonValue.Create(96L));
        Assert.True(values.IsValid, string.Join("\n", values.Errors.Select(e => e.Message)));
        Assert.Equal("""{"circular":false,"maxTokens":96,"mode":"likelihood","trait":"big-five:openness"}""", values.ToJson());

        values.Set("temperature", System.Text.Json.Nodes.JsonValue.Create(0.2));
        Assert.Equal(0.2, values["temperature"]!.GetValue<double>());
        values.Set("temperature", null);
        Assert.Equal(0.7, values["temperature"]!.GetValue<double>()); // the method's default again
        Assert.False(values.IsSet("temperature"));
    }

    [Fact]
    public void The_json_view_round_trips_through_the_same_validator()
    {
        var values = ParameterValues.FromJson(Schema, """{"trait":"t","maxTokens":5000,"typo":1}""", out var problem)!;

        Assert.Null(problem);
        Assert.Equal("The demo parameter 'maxTokens' must be a whole number between 1 and 4096, got 5000.", values.ErrorOf("maxTokens"));
        Assert.Equal("Unknown demo parameter 'typo'; allowed: maxTokens, temperature, circular, mode, trait, themes, methods, exclude, objectives.", values.ErrorOf("typo"));
        var again = ParameterValues.FromJson(Schema, values.ToIndentedJson(), out _)!;
        Assert.Equal(values.ToJson(), again.ToJson());

        Assert.Null(ParameterValues.FromJson(Schema, "{\"trait\":", out problem));
        Assert.StartsWith("The demo parameters are not valid JSON", problem, StringComparison.Ordinal);
    }
}
