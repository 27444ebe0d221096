using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Methods.Picaco;
using ValueAlign.Tests.Support;
using ValueAlign.Tests.Values;

namespace ValueAlign.Tests.Methods.Optimisation;

/// <summary>The shipped value sets and value-laden prompts, and how bad files are refused.</summary>
public sealed class ShippedOptimisationDataTests
{
    private static string Data(params string[] parts) => Path.Combine([RepositoryRoot.Path, "data", .. parts]);

    [Fact]
    public void Ships_the_papers_five_named_value_sets_defined_from_schwartz_values()
    {
        var (source, sets) = ValueSetFile.Load(Data("value-sets", "picaco.json"), ValueSystemFiles.Shipped);

        Assert.Equal(new[] { "Helpfulness-4", "Harmlessness-4", "HH-Balance-8", "Confucianism-4", "Modern-Liberalism-4" }, sets.Select(s => s.Name));
        Assert.Equal(new[] { 4, 4, 8, 4, 4 }, sets.Select(s => s.Values.Count));
        Assert.All(sets, s => Assert.All(s.Values, v => Assert.Equal("schwartz-19", v.SystemId)));
        Assert.Contains("does not publish their members", source, StringComparison.Ordinal);
        var balance = sets.Single(s => s.Id == "hh-balance-8").Values.Select(v => v.Key).ToHashSet();
        Assert.True(balance.SetEquals(sets.Where(s => s.Id is "helpfulness-4" or "harmlessness-4").SelectMany(s => s.Values).Select(v => v.Key)));
        Assert.Equal("Tradition", sets.Single(s => s.Id == "confucianism-4").Values[0].Name);
    }

    [Fact]
    public void A_value_set_naming_an_unknown_dimension_is_refused_with_set_and_dimension()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("sets.json"), """{"source": "s", "sets": [{"id": "x", "name": "X", "system": "schwartz-10", "dimensions": ["power", "kindness"], "rationale": "r"}]}""");

        var error = Assert.Throws<FormatException>(() => ValueSetFile.Load(dir.File("sets.json"), ValueSystemFiles.Shipped));
        Assert.Contains("set 'x': 'schwartz-10' has no dimension 'kindness'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ships_value_laden_prompts_with_unique_ids()
    {
        var prompts = TaskPromptFile.Load(Data("prompts", "value-laden.jsonl"));

        Assert.True(prompts.Count >= 40, $"{prompts.Count} prompts");
        Assert.Equal("vl-001", prompts[0].Id);
        Assert.All(prompts, p => Assert.EndsWith("?", p.Text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"id\": \"a\", \"text\": \"Hi?\"}\n{\"id\": \"b\"}\n", "prompts.jsonl:2: field \"text\" must be a non-empty string.")]
    [InlineData("{\"id\": \"a\", \"text\": \"Hi?\"}\n\n{\"id\": \"a\", \"text\": \"Again?\"}\n", "prompts.jsonl:3: id 'a' is used twice.")]
    [InlineData("{\"id\": \"a\", \"text\": \"Hi?\"}\nnot json\n", "prompts.jsonl:2: not a JSON object")]
    public void A_bad_prompt_line_fails_the_whole_file_naming_the_line(string content, string expected)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("prompts.jsonl"), content);

        var error = Assert.Throws<FormatException>(() => TaskPromptFile.Load(dir.File("prompts.jsonl")));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_parse_from_the_command_line_form()
    {
        var values = TargetValue.ParseList(ValueSystemFiles.Shipped, "schwartz-10:benevolence, Universalism");
        Assert.Equal(new[] { "schwartz-10:benevolence", "schwartz-10:universalism" }, values.Select(v => v.Key));
        Assert.Contains("has no dimension 'kindness'", Assert.Throws<ArgumentException>(() => TargetValue.ParseList(ValueSystemFiles.Shipped, "schwartz-10:kindness")).Message, StringComparison.Ordinal);
        Assert.Contains("listed twice", Assert.Throws<ArgumentException>(() => TargetValue.ParseList(ValueSystemFiles.Shipped, "schwartz-10:power,power")).Message, StringComparison.Ordinal);
        Assert.Equal("big-five:openness", TargetValue.Parse(ValueSystemFiles.Shipped, "big-five:openness").Key);
    }
}
