using ValueAlign.Core.Benchmarks.Demo;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Methods.Dilemmas;
using ValueAlign.Tests.Benchmarks;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Methods.Evaluation;

/// <summary>The shipped dilemma file, its importer's errors, and seeding it into a library.</summary>
public sealed class DilemmaDataTests : IDisposable
{
    public static string DilemmasFile => Path.Combine(RepositoryRoot.Path, "data", "dilemmas", "dilemmas.jsonl");

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_shipped_file_holds_18_dilemmas_with_five_distinct_frameworks_each_across_six_themes()
    {
        using var library = await LibraryDatabase.CreateAsync();
        var result = await library.ImportAsync(DilemmasFile);

        Assert.Empty(result.Errors);
        Assert.Equal("valuealign-dilemmas", result.Format);
        var items = await library.ItemsAsync();
        Assert.Equal(18, items.Count);
        Assert.All(items, item =>
        {
            Assert.Equal(ItemKind.MoralDilemma, item.Kind);
            Assert.False(string.IsNullOrWhiteSpace(item.Theme));
            Assert.False(string.IsNullOrWhiteSpace(item.Text));
            var outcomes = DilemmaMethod.Outcomes(item); // the method's own validation
            Assert.Equal(MoralFrameworks.All.Order(), outcomes.Select(o => o.Framework).Order());
            Assert.Equal(5, outcomes.Select(o => o.Text).Distinct().Count());
        });
        Assert.Equal(["climate", "economics", "family", "health", "social-justice", "technology"], items.Select(i => i.Theme!).Distinct().Order());
        Assert.All(items.GroupBy(i => i.Theme), g => Assert.Equal(3, g.Count()));
        Assert.Equal(18, items.Select(i => i.ExternalId).Distinct().Count());
    }

    [Theory]
    [InlineData("""{"id": "x", "theme": "t", "text": "s", "outcomes": [{"framework": "care", "text": "a"}]}""", "outcomes", "expected 5 outcomes")]
    [InlineData("""{"id": "x", "theme": "t", "text": "s", "outcomes": [{"framework": "care", "text": "a"}, {"framework": "care", "text": "b"}, {"framework": "virtue", "text": "c"}, {"framework": "utilitarian", "text": "d"}, {"framework": "libertarian", "text": "e"}]}""", "outcomes[1].framework", "appears twice")]
    [InlineData("""{"id": "x", "theme": "t", "text": "s", "outcomes": [{"framework": "stoic", "text": "a"}, {"framework": "care", "text": "b"}, {"framework": "virtue", "text": "c"}, {"framework": "utilitarian", "text": "d"}, {"framework": "libertarian", "text": "e"}]}""", "outcomes[0].framework", "found 'stoic'")]
    [InlineData("""{"id": "x", "text": "s", "outcomes": [{"framework": "deontological", "text": "a"}, {"framework": "care", "text": "b"}, {"framework": "virtue", "text": "c"}, {"framework": "utilitarian", "text": "d"}, {"framework": "libertarian", "text": ""}]}""", "theme", "required field is missing")]
    public async Task A_bad_dilemma_line_is_reported_with_line_and_field_and_nothing_is_written(string badLine, string field, string message)
    {
        var good = File.ReadLines(DilemmasFile).First();
        var path = _temp.File("bad.jsonl");
        await File.WriteAllLinesAsync(path, [good, badLine]);
        using var library = await LibraryDatabase.CreateAsync();

        var failure = await Assert.ThrowsAsync<ImportException>(() => library.ImportAsync(path, format: "valuealign-dilemmas"));

        var error = failure.Errors[0];
        Assert.Equal(2, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(await library.ItemsAsync());
    }

    [Fact]
    public async Task Seeding_adds_the_dilemmas_on_first_run_and_to_a_library_that_lacks_them_once()
    {
        using var library = await LibraryDatabase.CreateAsync();
        await library.ImportAsync(Path.Combine(RepositoryRoot.Path, "data", "demo", "valuebench-demo.csv"));
        var seeder = new DemoDataSeeder(library.Factory, library.Imports, new DemoDataFolder(Path.Combine(RepositoryRoot.Path, "data", "demo"), DilemmasFile));

        var first = await seeder.SeedIfEmptyAsync();
        var second = await seeder.SeedIfEmptyAsync();

        Assert.Equal(18, Assert.Single(first).Inserted); // the library was not empty: only the dilemmas
        Assert.Empty(second);
        Assert.Equal(18, (await library.ItemsAsync()).Count(i => i.Benchmark == DilemmaImporter.DefaultBenchmark));
    }
}
