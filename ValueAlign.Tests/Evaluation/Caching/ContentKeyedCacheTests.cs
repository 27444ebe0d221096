using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Caching;
using ValueAlign.Core.Jobs;

namespace ValueAlign.Tests.Evaluation.Caching;

/// <summary>
/// The run cache is keyed on item content (issue 12, point 8), end to end over a real SQLite file:
/// a re-import that changes one item under the same id re-scores that item only.
/// </summary>
public sealed class ContentKeyedCacheTests
{
    private static readonly ItemFilter TestItems = new() { Benchmark = "test-culture" };

    private static EvalRunRequest Request(string? name = null) => new(EvalTestBed.StoriesModel, "scripted", TestItems, "{\"units\":1}", 1, name);

    /// <summary>A culture row whose question can be changed.</summary>
    private static JsonNode Row(string id, string? question = null)
    {
        var row = JsonSerializer.SerializeToNode(EvalTestBed.CultureRow(id))!;
        if (question is not null)
            row["question"] = question;
        return row;
    }

    private static IEnumerable<object> Rows(int count, string? changedId = null, string? changedQuestion = null) =>
        Enumerable.Range(0, count).Select(i => $"item-{i:000}").Select(id => (object)Row(id, id == changedId ? changedQuestion : null));

    [Fact]
    public async Task A_reimport_that_changes_one_item_rescores_that_item_only_and_serves_the_others_from_the_cache()
    {
        var method = new ScriptedMethod();
        await using var bed = await EvalTestBed.CreateAsync(method);
        await bed.ImportCultureItemsAsync(Rows(5));
        var first = await bed.Runs.CreateAsync(Request("first"), "alice");
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(first.JobId, CancellationToken.None));
        Assert.Equal(5, method.Executions.Count);

        await bed.ImportCultureItemsAsync(Rows(5, changedId: "item-002", changedQuestion: "Question item-002, edited: which colour is right?"));
        long changedId;
        await using (var db = bed.OpenDb())
            changedId = await db.BenchmarkItems.Where(i => i.ExternalId == "item-002").Select(i => i.Id).SingleAsync();

        var second = await bed.Runs.CreateAsync(Request("second"), "alice");
        Assert.NotEqual(first.ConfigHash, second.ConfigHash);
        Assert.Equal(first.CacheKey, second.CacheKey);
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(second.JobId, CancellationToken.None));

        // Exactly one more execution: the edited item.
        Assert.Equal(6, method.Executions.Count);
        Assert.Equal(changedId, method.Executions.Last().ItemId);
        await using (var db = bed.OpenDb())
        {
            var before = await db.EvalItemResults.Where(r => r.RunId == first.Id).ToDictionaryAsync(r => r.ItemId);
            var after = await db.EvalItemResults.Where(r => r.RunId == second.Id).OrderBy(r => r.ItemId).ToListAsync();
            Assert.Equal(5, after.Count);
            Assert.All(after, r => Assert.Equal(r.ItemId != changedId, r.FromCache));
            var rescored = after.Single(r => r.ItemId == changedId);
            Assert.Contains("edited", rescored.Prompt);
            Assert.DoesNotContain("edited", before[changedId].Prompt);
            Assert.NotEqual(before[changedId].ItemContentHash, rescored.ItemContentHash);
            Assert.All(after.Where(r => r.ItemId != changedId), r => Assert.Equal(before[r.ItemId].ItemContentHash, r.ItemContentHash));
        }

        // Importing the same file again changes nothing: same configuration hash, all from the cache.
        await bed.ImportCultureItemsAsync(Rows(5, changedId: "item-002", changedQuestion: "Question item-002, edited: which colour is right?"));
        var third = await bed.Runs.CreateAsync(Request("third"), "alice");
        Assert.Equal(second.ConfigHash, third.ConfigHash);
        await bed.Runner.RunAsync(third.JobId, CancellationToken.None);
        Assert.Equal(6, method.Executions.Count);
    }

    [Fact]
    public async Task A_run_resumed_after_a_reimport_recomputes_the_stored_results_of_changed_items()
    {
        var method = new ScriptedMethod { BlockAtExecution = 3 };
        await using var bed = await EvalTestBed.CreateAsync(method);
        await bed.ImportCultureItemsAsync(Rows(6));
        var run = await bed.Runs.CreateAsync(Request(), "alice");
        var running = bed.Runner.RunAsync(run.JobId, CancellationToken.None);
        await method.Blocked.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(await bed.Runs.CancelAsync(run.Id));
        Assert.Equal(JobState.Cancelled, await running);
        long changedId;
        await using (var db = bed.OpenDb())
        {
            // Change an item whose result is already stored.
            changedId = await db.EvalItemResults.Where(r => r.RunId == run.Id).OrderBy(r => r.ItemId).Select(r => r.ItemId).FirstAsync();
            var externalId = await db.BenchmarkItems.Where(i => i.Id == changedId).Select(i => i.ExternalId).SingleAsync();
            await bed.ImportCultureItemsAsync(Rows(6, changedId: externalId, changedQuestion: "Edited while the run was paused?"));
        }
        var executedBefore = method.Executions.Count;

        Assert.True(await bed.Runs.ResumeAsync(run.Id));
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(null, CancellationToken.None));

        // The changed item ran again, and each other item ran exactly once in all.
        Assert.Contains(method.Executions.Skip(executedBefore), e => e.ItemId == changedId);
        Assert.Equal(7, method.Executions.Count);
        await using var check = bed.OpenDb();
        var results = await check.EvalItemResults.Where(r => r.RunId == run.Id).ToListAsync();
        Assert.Equal(6, results.Count);
        Assert.Contains("Edited while the run was paused?", results.Single(r => r.ItemId == changedId).Prompt);
        Assert.Equal(6, await check.JudgeLabels.CountAsync(l => l.EvalRunId == run.Id));
        var resumed = (await bed.Runs.GetAsync(run.Id))!;
        Assert.NotEqual(run.ConfigHash, resumed.ConfigHash);
        Assert.Equal(run.CacheKey, resumed.CacheKey);
        // A new run over the same items now has the resumed run's hash and takes everything from it.
        var again = await bed.Runs.CreateAsync(Request(), "alice");
        Assert.Equal(resumed.ConfigHash, again.ConfigHash);
    }

    [Fact]
    public async Task Items_without_a_stored_hash_get_one_on_demand_equal_to_the_imported_one()
    {
        var method = new ScriptedMethod();
        await using var bed = await EvalTestBed.CreateAsync(method);
        await bed.ImportCultureItemsAsync(Rows(3));
        Dictionary<long, string?> imported;
        await using (var db = bed.OpenDb())
        {
            imported = await db.BenchmarkItems.ToDictionaryAsync(i => i.Id, i => i.ContentHash);
            Assert.All(imported.Values, h => Assert.Equal(ItemContentHash.Length, h!.Length));
            foreach (var item in await db.BenchmarkItems.Include(i => i.Labels).ToListAsync())
                Assert.Equal(ItemContentHash.Compute(item), item.ContentHash);
            // Rows from before the column existed.
            await db.Database.ExecuteSqlRawAsync("UPDATE \"BenchmarkItems\" SET \"ContentHash\" = NULL");
        }

        await bed.Runs.CreateAsync(Request(), "alice");

        await using (var db = bed.OpenDb())
            Assert.Equal(imported, await db.BenchmarkItems.ToDictionaryAsync(i => i.Id, i => i.ContentHash));
    }

    [Fact]
    public async Task Results_stored_before_content_keys_are_never_reused()
    {
        var method = new ScriptedMethod();
        await using var bed = await EvalTestBed.CreateAsync(method);
        await bed.ImportCultureItemsAsync(Rows(3));
        var first = await bed.Runs.CreateAsync(Request(), "alice");
        await bed.Runner.RunAsync(first.JobId, CancellationToken.None);
        await using (var db = bed.OpenDb())
            await db.EvalItemResults.ExecuteUpdateAsync(s => s.SetProperty(r => r.ItemContentHash, (string?)null));

        var second = await bed.Runs.CreateAsync(Request(), "alice");
        await bed.Runner.RunAsync(second.JobId, CancellationToken.None);

        Assert.Equal(6, method.Executions.Count);
        await using var check = bed.OpenDb();
        Assert.False(await check.EvalItemResults.AnyAsync(r => r.RunId == second.Id && r.FromCache));
    }

    [Fact]
    public async Task Replacing_an_image_file_under_the_same_name_changes_the_items_key_for_runs_that_show_images()
    {
        await using var bed = await EvalTestBed.CreateAsync(new ScriptedMethod());
        var media = Path.Combine(Path.GetDirectoryName(bed.DatabasePath)!, "media", "demo");
        Directory.CreateDirectory(media);
        var image = Path.Combine(media, "shrine-gate.png");
        await File.WriteAllBytesAsync(image, [0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
        await bed.ImportCultureItemsAsync([EvalTestBed.CultureRow("text-item"), EvalTestBed.CultureRow("image-item", modality: "image")]);
        var keys = bed.Services.GetRequiredService<ItemContentKeys>();
        List<BenchmarkItem> items;
        await using (var db = bed.OpenDb())
            items = await db.BenchmarkItems.Include(i => i.Labels).OrderBy(i => i.ExternalId).ToListAsync();
        var imageItem = items.Single(i => i.ExternalId == "image-item").Id;
        var textItem = items.Single(i => i.ExternalId == "text-item").Id;

        var before = await keys.KeysAsync(items, imagesSeen: true);
        Assert.Equal(before, await keys.KeysAsync(items, imagesSeen: true));
        await File.WriteAllBytesAsync(image, [0x89, 0x50, 0x4e, 0x47, 9, 9, 9, 9]);
        File.SetLastWriteTimeUtc(image, DateTime.UtcNow.AddMinutes(1));
        var after = await keys.KeysAsync(items, imagesSeen: true);

        Assert.NotEqual(before[imageItem], after[imageItem]);
        Assert.Equal(before[textItem], after[textItem]);
        Assert.NotEqual(ItemContentKeys.Digest(before), ItemContentKeys.Digest(after));
        // A text-only run does not see the bytes: its keys ignore them.
        Assert.Equal(before[textItem], (await keys.KeysAsync(items, imagesSeen: false))[textItem]);
        Assert.NotEqual(after[imageItem], (await keys.KeysAsync(items, imagesSeen: false))[imageItem]);
        Assert.Equal((await keys.KeysAsync(items, imagesSeen: false))[imageItem], items.Single(i => i.Id == imageItem).ContentHash);
        // A missing file is a key of its own, not an error.
        File.Delete(image);
        Assert.NotEqual(after[imageItem], (await keys.KeysAsync(items, imagesSeen: true))[imageItem]);
    }

    [Fact]
    public async Task Editing_an_item_through_ef_drops_its_hash_and_a_verification_keeps_it()
    {
        await using var bed = await EvalTestBed.CreateAsync(new ScriptedMethod());
        await bed.ImportCultureItemsAsync(Rows(2));
        await using (var db = bed.OpenDb())
        {
            var item = await db.BenchmarkItems.SingleAsync(i => i.ExternalId == "item-000");
            item.VerificationStatus = VerificationStatus.Verified;
            await db.SaveChangesAsync();
        }
        await using (var db = bed.OpenDb())
        {
            Assert.NotNull((await db.BenchmarkItems.SingleAsync(i => i.ExternalId == "item-000")).ContentHash);
            var item = await db.BenchmarkItems.SingleAsync(i => i.ExternalId == "item-001");
            item.Text = "Changed by hand";
            await db.SaveChangesAsync();
        }
        await using (var db = bed.OpenDb())
        {
            Assert.Null((await db.BenchmarkItems.SingleAsync(i => i.ExternalId == "item-001")).ContentHash);
            var id = await db.BenchmarkItems.Where(i => i.ExternalId == "item-000").Select(i => i.Id).SingleAsync();
            db.ItemLabels.Add(new ItemLabel { ItemId = id, ValueSystemId = "schwartz-10", DimensionId = "security", Value = 1 });
            await db.SaveChangesAsync();
        }
        await using (var db = bed.OpenDb())
            Assert.Null((await db.BenchmarkItems.SingleAsync(i => i.ExternalId == "item-000")).ContentHash);
    }
}
