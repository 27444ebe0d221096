using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Benchmarks;

public class BenchmarkQueryTests
{
    private static async Task<LibraryDatabase> LibraryWithSamplesAndDemo()
    {
        var lib = await LibraryDatabase.CreateAsync();
        await lib.ImportAsync(SharedFolder.File("datasets", "touche23_valueeval", "arguments-validation.sample.tsv"));
        await lib.ImportAsync(SharedFolder.File("datasets", "valuebench", "value_orientation.sample.csv"));
        await lib.ImportAsync(Path.Combine(RepositoryRoot.Path, "data", "demo", "mma-asia-demo.jsonl"));
        return lib;
    }

    [Fact]
    public async Task Pages_are_counted_and_sliced_server_side()
    {
        using var lib = await LibraryWithSamplesAndDemo();
        var all = await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter(), Take: 50));
        Assert.Equal(300 + 127 + 12, all.Total);
        Assert.Equal(50, all.Items.Count);
        var third = await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter(), Skip: 100, Take: 50));
        Assert.Equal(all.Items[0].Id + 100, third.Items[0].Id);
        var last = await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter(), Skip: 430, Take: 50));
        Assert.Equal(9, last.Items.Count);
    }

    [Fact]
    public async Task Filters_combine()
    {
        using var lib = await LibraryWithSamplesAndDemo();
        var japan = await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter { Country = "Japan" }));
        Assert.Equal(5, japan.Total);
        var japaneseImages = await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter { Country = "Japan", Language = "ja", Modality = Modality.Image }));
        Assert.Equal("demo-jp-001-ja-image", Assert.Single(japaneseImages.Items).ExternalId);
        var pvq = await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter { Kind = ItemKind.QuestionnaireItem, Category = "PVQ40" }));
        Assert.Equal(40, pvq.Total);
        Assert.Equal(0, (await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter { VerificationStatus = VerificationStatus.Verified }))).Total);
        Assert.Equal(439, (await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter { VerificationStatus = VerificationStatus.Unverified }))).Total);
    }

    [Fact]
    public async Task Label_filter_keeps_items_with_a_non_zero_label()
    {
        using var lib = await LibraryWithSamplesAndDemo();
        var humility = await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter { LabelValueSystem = "touche23-20", LabelDimension = "humility" }, Take: 1000));
        var expected = (await lib.ItemsAsync()).Count(i => i.Labels.Any(l => l.DimensionId == "humility" && l.Value != 0));
        Assert.Equal(expected, humility.Total);
        Assert.Contains(humility.Items, i => i.ExternalId == "A03005");
        Assert.DoesNotContain(humility.Items, i => i.ExternalId == "A01001");
        // PVQ items measuring power are labelled on schwartz-10.
        var power = await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter { LabelDimension = "power" }));
        Assert.Equal(3, power.Total);
    }

    [Fact]
    public async Task Sorting_by_a_column_breaks_ties_by_id()
    {
        using var lib = await LibraryWithSamplesAndDemo();
        var page = await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter { Benchmark = "mma-asia" }, ItemSort.Country, Descending: true));
        Assert.Equal(["Korea", "Korea", "Japan", "Japan", "Japan", "Japan", "Japan", "Indonesia", "Indonesia", "India", "India", "India"], page.Items.Select(i => i.Country));
        var japan = page.Items.Where(i => i.Country == "Japan").Select(i => i.Id).ToList();
        Assert.Equal(japan.OrderByDescending(id => id), japan);
        var byExternal = await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter { Benchmark = "mma-asia" }, ItemSort.ExternalId));
        Assert.Equal(byExternal.Items.Select(i => i.ExternalId).Order(StringComparer.Ordinal), byExternal.Items.Select(i => i.ExternalId));
    }

    [Fact]
    public async Task Full_text_search_matches_all_words_and_a_prefix()
    {
        using var lib = await LibraryWithSamplesAndDemo();
        var entrapment = await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter { Search = "entrapment criminals" }));
        Assert.Contains(entrapment.Items, i => i.ExternalId == "A01001");
        Assert.All(entrapment.Items, i => Assert.Contains("criminals", i.Text + " ", StringComparison.OrdinalIgnoreCase));
        var prefix = await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter { Search = "purificat" }));
        Assert.Equal(2, prefix.Total);
        var combined = await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter { Search = "purification", Modality = Modality.Image }));
        Assert.Equal("demo-jp-001-en-image", Assert.Single(combined.Items).ExternalId);
        // FTS syntax in user input is taken as plain words, not as operators.
        var near = (await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter { Search = "near" }))).Total;
        Assert.True(near > 0);
        Assert.Equal(near, (await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter { Search = "\"NEAR((  *" }))).Total);
        Assert.Equal(0, (await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter { Search = "zzzyyyxxx" }))).Total);
    }

    [Fact]
    public async Task Aligned_variants_and_facets()
    {
        using var lib = await LibraryWithSamplesAndDemo();
        var page = await lib.Query.PageAsync(new ItemPageRequest(new ItemFilter { AlignmentGroup = "demo-jp-001", Language = "en", Modality = Modality.Text }));
        var item = await lib.Query.GetAsync(Assert.Single(page.Items).Id);
        var variants = await lib.Query.AlignedVariantsAsync(item!);
        Assert.Equal(["demo-jp-001-en-image", "demo-jp-001-ja-image", "demo-jp-001-ja-text"], variants.Select(v => v.ExternalId));
        var facets = await lib.Query.FacetsAsync();
        Assert.Equal(["India", "Indonesia", "Japan", "Korea"], facets.Countries);
        Assert.Contains(new LabelDimensionRef("touche23-20", "self-direction-thought"), facets.LabelDimensions);
    }
}
