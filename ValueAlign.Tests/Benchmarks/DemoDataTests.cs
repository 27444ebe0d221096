using ValueAlign.Core.Benchmarks.Media;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Benchmarks;

public class DemoDataTests
{
    private static readonly string DemoFolder = Path.Combine(RepositoryRoot.Path, "data", "demo");

    [Fact]
    public async Task Seeder_imports_every_demo_file_once_into_an_empty_library()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        var results = await lib.Seeder(DemoFolder).SeedIfEmptyAsync();
        Assert.Equal(11, results.Count);
        Assert.All(results, r => Assert.True(r.Succeeded && r.Inserted > 0, r.File));
        var items = await lib.ItemsAsync();
        Assert.Equal(Enum.GetValues<ItemKind>().Order(), items.Select(i => i.Kind).Distinct().Order());
        Assert.Equal(2, items.Count(i => i.Kind == ItemKind.MoralDilemma));
        Assert.Equal(5, items.Count(i => i.Benchmark == "touche23-valueeval"));
        Assert.All(items.Where(i => i.Benchmark == "touche23-valueeval"), i => Assert.Equal(20, i.Labels.Count));

        // Second start: the library is not empty, nothing is imported again.
        Assert.Empty(await lib.Seeder(DemoFolder).SeedIfEmptyAsync());
        Assert.Equal(items.Count, (await lib.CountsAsync()).Items);
    }

    [Fact]
    public async Task Every_demo_media_reference_resolves_to_a_small_png()
    {
        using var lib = await LibraryDatabase.CreateAsync();
        await lib.Seeder(DemoFolder).SeedIfEmptyAsync();
        var media = new MediaFiles(Path.Combine(RepositoryRoot.Path, "data", "media"));
        var references = (await lib.ItemsAsync()).SelectMany(i => ValueAlign.Core.Benchmarks.Importers.JsonOutput.ParseList(i.MediaJson)).Distinct().ToList();
        Assert.True(references.Count >= 4);
        foreach (var reference in references)
        {
            var lookup = media.Resolve(reference);
            Assert.True(lookup.Found, lookup.Message);
            Assert.Equal("image/png", lookup.ContentType);
            Assert.InRange(new FileInfo(lookup.FullPath!).Length, 100, 30 * 1024);
        }
    }
}
