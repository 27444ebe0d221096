using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Methods.Picaco;
using ValueAlign.Tests.Benchmarks;
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
    public async Task Ships_value_laden_prompts_that_import_as_task_prompt_items()
    {
        using var library = await LibraryDatabase.CreateAsync();
        var result = await library.ImportAsync(Data("prompts", "value-laden.jsonl"));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal("valuealign-prompts", result.Format);
        var items = await library.ItemsAsync();
        Assert.True(items.Count >= 40, $"{items.Count} prompts");
        Assert.All(items, i => Assert.Equal((ItemKind.TaskPrompt, TaskPromptImporter.DefaultBenchmark), (i.Kind, i.Benchmark)));
        Assert.All(items, i => Assert.EndsWith("?", i.Text, StringComparison.Ordinal));
        Assert.Equal("family", items.Single(i => i.ExternalId == "vl-001").Category);
    }

    [Theory]
    [InlineData("{\"id\": \"a\", \"text\": \"Hi?\", \"topic\": \"t\"}\n{\"id\": \"b\", \"topic\": \"t\"}\n", 2, "text")]
    [InlineData("{\"id\": \"a\", \"text\": \"Hi?\", \"topic\": \"t\"}\nnot json\n", 2, null)]
    public async Task A_bad_prompt_line_imports_nothing_and_names_the_line(string content, long line, string? field)
    {
        using var library = await LibraryDatabase.CreateAsync();
        File.WriteAllText(library.Folder.File("prompts.jsonl"), content);

        var failure = await Assert.ThrowsAsync<ImportException>(() => library.ImportAsync(library.Folder.File("prompts.jsonl"), "valuealign-prompts"));

        var error = Assert.Single(failure.Errors);
        Assert.Equal((line, field), (error.Line, error.Field));
        Assert.Equal(0, (await library.CountsAsync()).Items);
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
