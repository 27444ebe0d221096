using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Schema;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Benchmarks.SavedFilters;

namespace ValueAlign.Tests.Annotation.Projects;

/// <summary>The project editor's rules, kept in the project service: seed, gold candidates, gold following the filter, saved-filter matching.</summary>
public sealed class ProjectEditorRulesTests : IAsyncLifetime
{
    private AnnotationDatabase _db = default!;

    public async Task InitializeAsync() => _db = await AnnotationDatabase.SqliteAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static NewProject Definition(string name, string benchmark, int? seed) => new()
    {
        Name = name,
        Filter = new ItemFilter { Benchmark = benchmark },
        Schema = LabelSchemaTemplates.Honesty(),
        CreatedBy = "curator",
        Seed = seed,
    };

    [Fact]
    public async Task A_project_created_without_a_seed_draws_one_and_orders_its_ties_by_it()
    {
        await _db.AddItemsAsync(4);

        var drawn = new List<int>();
        for (var n = 0; n < 3; n++)
        {
            var project = await _db.Projects.CreateAsync(Definition($"p{n}", "demo", seed: null));
            drawn.Add(project.Seed);
            await using var db = _db.Factory.CreateDbContext();
            var items = await db.ProjectItems.Where(i => i.ProjectId == project.Id).ToListAsync();
            Assert.All(items, i => Assert.Equal(TieBreak.Of(project.Seed, i.ItemId), i.TieBreak));
        }
        var fixedSeed = await _db.Projects.CreateAsync(Definition("fixed", "demo", seed: 41));

        // Three random 31-bit draws are all equal only by a broken rule (e.g. always 0).
        Assert.True(drawn.Distinct().Count() > 1, $"seeds drawn: {string.Join(", ", drawn)}");
        Assert.Equal(41, fixedSeed.Seed);
        var edited = await _db.Projects.UpdateAsync(fixedSeed.Id, Definition("fixed", "demo", seed: null));
        Assert.Equal(41, edited.Seed);
    }

    [Fact]
    public async Task The_saved_filter_of_a_project_is_the_one_with_the_same_filter()
    {
        await _db.AddItemsAsync(2, "mma");
        var store = new SavedFilterStore(_db.Factory, _db.Clock);
        await store.SaveAsync("all mma", new ItemFilter { Benchmark = "mma" }, "c");
        var japan = await store.SaveAsync("mma multiple choice", new ItemFilter { Benchmark = "mma", Kind = ItemKind.CultureMultipleChoice }, "c");
        var project = await _db.Projects.CreateAsync(Definition("p", "mma", 1) with { Filter = new ItemFilter { Benchmark = "mma", Kind = ItemKind.CultureMultipleChoice } });
        var saved = await store.ListAsync();

        Assert.Equal(japan.Id, VerificationProjectService.SavedFilterOf(project, saved)?.Id);
        Assert.Null(VerificationProjectService.SavedFilterOf(project, saved.Where(f => f.Id != japan.Id)));
    }

    [Fact]
    public async Task Gold_candidates_are_the_first_matches_then_the_chosen_gold_beyond_them()
    {
        var demo = await _db.AddItemsAsync(5);
        var other = await _db.AddItemsAsync(2, "other");

        var candidates = await _db.Projects.GoldCandidatesAsync(new ItemFilter { Benchmark = "demo" }, [demo[4], other[1], 987654], limit: 3);

        Assert.Equal(5, candidates.MatchCount);
        Assert.Equal([demo[0], demo[1], demo[2], demo[4], other[1]], candidates.Items.Select(i => i.Id));
        Assert.Equal("other-00002", candidates.Items[^1].ExternalId);
    }

    [Fact]
    public async Task Gold_listed_among_the_matches_is_not_listed_twice()
    {
        var demo = await _db.AddItemsAsync(3);

        var candidates = await _db.Projects.GoldCandidatesAsync(new ItemFilter { Benchmark = "demo" }, [demo[1]]);

        Assert.Equal(demo, candidates.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Gold_follows_a_new_filter_keeping_only_the_items_it_matches()
    {
        var demo = await _db.AddItemsAsync(3);
        var other = await _db.AddItemsAsync(2, "other");

        var kept = await _db.Projects.GoldKeptByFilterAsync(new ItemFilter { Benchmark = "other" }, [demo[0], other[1], 987654]);

        Assert.Equal([other[1]], kept);
        Assert.Empty(await _db.Projects.GoldKeptByFilterAsync(new ItemFilter { Benchmark = "other" }, []));
    }
}
