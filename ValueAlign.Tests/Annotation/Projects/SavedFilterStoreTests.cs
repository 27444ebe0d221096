using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Benchmarks.SavedFilters;

namespace ValueAlign.Tests.Annotation.Projects;

public class SavedFilterStoreTests
{
    [Fact]
    public async Task A_saved_filter_comes_back_equal_with_its_author_and_time()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        var store = new SavedFilterStore(db.Factory, db.Clock);
        var filter = new ItemFilter { Benchmark = "mma-asia", Country = "Japan", Modality = Modality.Image, VerificationStatus = VerificationStatus.Unverified, Search = "shrine" };

        var saved = await store.SaveAsync("  Japan images  ", filter, "curator-1");

        var listed = Assert.Single(await store.ListAsync());
        Assert.Equal("Japan images", listed.Name);
        Assert.Equal("curator-1", listed.CreatedBy);
        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime, listed.CreatedAt);
        Assert.Equal(filter, SavedFilterStore.FilterOf(listed));
        Assert.Contains("\"modality\":\"Image\"", listed.FilterJson);
        Assert.Equal(saved.Id, (await store.GetAsync(saved.Id))!.Id);
    }

    [Fact]
    public async Task Names_are_required_and_unique_and_a_refused_save_stores_nothing()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        var store = new SavedFilterStore(db.Factory, db.Clock);
        await store.SaveAsync("mine", new ItemFilter(), "c");

        var taken = await Assert.ThrowsAsync<SavedFilterException>(() => store.SaveAsync("mine", new ItemFilter { Country = "Japan" }, "c"));
        Assert.Equal("Name: a filter called 'mine' exists already.", taken.Message);
        var empty = await Assert.ThrowsAsync<SavedFilterException>(() => store.SaveAsync("   ", new ItemFilter(), "c"));
        Assert.StartsWith("Name: give 1..200 characters", empty.Message);
        await Assert.ThrowsAsync<SavedFilterException>(() => store.SaveAsync(new string('x', 201), new ItemFilter(), "c"));

        Assert.Equal(["mine"], (await store.ListAsync()).Select(f => f.Name));
        Assert.Equal(new ItemFilter(), SavedFilterStore.FilterOf((await store.ListAsync())[0]));
    }

    [Fact]
    public async Task Delete_removes_only_that_filter()
    {
        await using var db = await AnnotationDatabase.SqliteAsync();
        var store = new SavedFilterStore(db.Factory, db.Clock);
        var a = await store.SaveAsync("a", new ItemFilter(), "c");
        await store.SaveAsync("b", new ItemFilter(), "c");

        Assert.True(await store.DeleteAsync(a.Id));
        Assert.False(await store.DeleteAsync(a.Id));
        Assert.Equal(["b"], (await store.ListAsync()).Select(f => f.Name));
    }

    [Fact]
    public void Stored_filter_json_that_is_broken_names_the_filter()
    {
        var broken = new SavedFilter { Name = "old", FilterJson = "{\"modality\":\"Hologram\"}" };
        var error = Assert.Throws<FormatException>(() => SavedFilterStore.FilterOf(broken));
        Assert.StartsWith("Saved filter 'old': the stored filter is not valid JSON ($.modality)", error.Message);
    }
}
