using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.LongMab;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Faults;

/// <summary>
/// A LongMab-PO generation run killed as a process: the `preference-data` verb on stories260K over
/// four long-context items is killed with SIGKILL once its first item is stored, then continued with
/// `eval --resume RUNID` (a new process). The resumed run ends with every item stored once, the item
/// stored before the kill kept as it was, the same rollouts per item as an uninterrupted run with the
/// same seed, and byte-identical exported pairs.
/// </summary>
public sealed class GenerationKillTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    private static Dictionary<string, string> Environment() => new()
    {
        ["Paths:Models"] = Path.GetDirectoryName(StoriesModelFixture.ModelPath)!,
        ["Models:Threads"] = "1",
        ["Models:ContextSize"] = "1024",
        ["Models:BatchSize"] = "512",
        ["Models:MicroBatchSize"] = "512",
    };

    private static string[] Generate(string items, string output) =>
        ["preference-data", "--model", "stories260K.gguf", "--items", items, "--rounds", "6", "--chunk-tokens", "64", "--seed", "4", "--out", output];

    [Fact]
    public async Task Preference_data_verb_killed_mid_run_resumes_to_the_pairs_of_an_uninterrupted_run()
    {
        using var dir = new TempDirectory();
        var items = dir.File("items.json");
        await WriteItemsAsync(items);

        // The uninterrupted reference, in its own database.
        var referenceDb = dir.File("reference.db");
        var reference = await WorkbenchCommand.RunAsync(Generate(items, dir.File("reference.jsonl")), referenceDb, environment: Environment(), timeout: Patience);
        Assert.True(reference.ExitCode == 0, reference.Error);
        var expected = await TracesAsync(referenceDb);
        Assert.Equal(4, expected.Count);

        // The same command, killed with SIGKILL once its first item is stored.
        var killedDb = dir.File("killed.db");
        var factory = Factory(killedDb);
        List<(long Id, string Item, string Trace)> keptAtKill;
        using (var verb = WorkbenchCommand.StartWatched(Generate(items, dir.File("killed.jsonl")), killedDb, Environment()))
        {
            await verb.WaitUntilAsync(async () => File.Exists(killedDb) && await StoredAsync(factory) >= 1, Patience, "the first item stored");
            await verb.KillAsync();
            Assert.Equal(137, verb.Process.ExitCode); // 128 + SIGKILL
            Assert.DoesNotContain("pair(s)", verb.Output, StringComparison.Ordinal);
        }
        keptAtKill = await ResultsAsync(killedDb);
        Assert.InRange(keptAtKill.Count, 1, 3); // killed part-way: some items stored, some not
        Assert.False(File.Exists(dir.File("killed.jsonl")));
        long runId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var run = await db.EvalRuns.AsNoTracking().SingleAsync();
            runId = run.Id;
            Assert.Equal(JobState.Running, (await db.BackgroundJobs.AsNoTracking().SingleAsync(j => j.Id == run.JobId)).State); // what a kill leaves
        }

        var resumed = await WorkbenchCommand.RunAsync(["eval", "--resume", runId.ToString(CultureInfo.InvariantCulture)], killedDb, environment: Environment(), timeout: Patience);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        var export = await WorkbenchCommand.RunAsync(["preference-data", "--from-run", runId.ToString(CultureInfo.InvariantCulture), "--out", dir.File("resumed.jsonl")], killedDb, environment: Environment(), timeout: Patience);
        Assert.True(export.ExitCode == 0, export.Error);

        var after = await ResultsAsync(killedDb);
        Assert.Equal(4, after.Count);
        Assert.Equal(after.Count, after.Select(r => r.Item).Distinct().Count()); // every item stored once
        Assert.All(keptAtKill, kept => Assert.Contains(kept, after)); // stored before the kill: kept, not redone
        Assert.Equal(expected, after.ToDictionary(r => r.Item, r => r.Trace)); // the same rollouts, rewards and pair per item
        var pairs = await File.ReadAllTextAsync(dir.File("resumed.jsonl"));
        Assert.NotEmpty(pairs.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(await File.ReadAllTextAsync(dir.File("reference.jsonl")), pairs);
        using (var referenceMeta = JsonDocument.Parse(await File.ReadAllTextAsync(dir.File("reference.meta.json"))))
        using (var resumedMeta = JsonDocument.Parse(await File.ReadAllTextAsync(dir.File("resumed.meta.json"))))
            Assert.Equal(referenceMeta.RootElement.GetProperty("config_hash").GetString(), resumedMeta.RootElement.GetProperty("config_hash").GetString());
        await using (var db = await factory.CreateDbContextAsync())
        {
            var job = await db.BackgroundJobs.AsNoTracking().SingleAsync();
            Assert.Equal((JobState.Completed, 4, 4, 2), (job.State, job.Done, job.Total, job.Attempts));
        }
    }

    /// <summary>The two story demo items (written for stories260K) and the two HotpotQA demo items, as one HotpotQA file.</summary>
    private static async Task WriteItemsAsync(string path)
    {
        var records = new List<JsonElement>();
        foreach (var demo in new[] { "longqa-stories-demo.json", "hotpotqa-demo.json" })
        {
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "data", "demo", demo)));
            records.AddRange(doc.RootElement.EnumerateArray().Select(r => r.Clone()));
        }
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(records));
    }

    private static IDbContextFactory<ValueAlignDbContext> Factory(string path) =>
        new ValueAlignDbContextFactory(new DatabaseOptions { ConnectionString = $"Data Source={path};Pooling=False" }, Path.GetDirectoryName(path)!);

    private static async Task<int> StoredAsync(IDbContextFactory<ValueAlignDbContext> factory)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync();
            return await db.EvalItemResults.CountAsync();
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0; // the verb is still creating the schema
        }
    }

    private static async Task<List<(long Id, string Item, string Trace)>> ResultsAsync(string path)
    {
        await using var db = await Factory(path).CreateDbContextAsync();
        var items = await db.BenchmarkItems.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.ExternalId);
        return (await db.EvalItemResults.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.ItemId, r.RawOutput }).ToListAsync())
            .Select(r => (r.Id, items[r.ItemId], r.RawOutput)).ToList();
    }

    private static async Task<Dictionary<string, string>> TracesAsync(string path)
    {
        var results = await ResultsAsync(path);
        Assert.All(results, r => Assert.Equal(6, LongMabTraceJson.Deserialize(r.Trace).Rollouts.Count));
        return results.ToDictionary(r => r.Item, r => r.Trace);
    }
}
