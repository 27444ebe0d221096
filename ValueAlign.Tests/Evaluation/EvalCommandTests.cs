using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Jobs;
using ValueAlign.Tests.Inference.Runtime;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Evaluation;

/// <summary>The `eval` verb as a process: a run to a JSON file, errors, and resuming after the process is killed.</summary>
public sealed class EvalCommandTests
{
    private static Dictionary<string, string> Environment() => new()
    {
        ["Paths:Models"] = Path.GetDirectoryName(StoriesModelFixture.ModelPath)!,
        ["Models:Threads"] = "1",
        ["Models:ContextSize"] = "1024",
        ["Models:BatchSize"] = "512",
        ["Models:MicroBatchSize"] = "512",
    };

    [Fact]
    public async Task Eval_runs_the_demo_culture_items_and_writes_report_and_results_to_json()
    {
        await using var bed = await EvalTestBed.CreateAsync();
        await bed.ImportDemoFileAsync("mma-asia-demo.jsonl");
        var output = Path.Combine(Path.GetDirectoryName(bed.DatabasePath)!, "run.json");

        var result = await WorkbenchCommand.RunAsync(
            ["eval", "--model", "stories260K.gguf", "--method", "culture-mcq", "--kind", "CultureMultipleChoice", "--params", "{\"mode\":\"likelihood\"}", "--seed", "3", "--out", output],
            bed.DatabasePath, environment: Environment());

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Run 1 complete", result.Output);
        Assert.Contains("Accuracy: ", result.Output);
        Assert.Contains("/12 units", result.Error); // the progress bar
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        Assert.Equal("culture-mcq", json.RootElement.GetProperty("run").GetProperty("method").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("run").GetProperty("seed").GetInt32());
        Assert.Equal(64, json.RootElement.GetProperty("run").GetProperty("modelSha256").GetString()!.Length);
        Assert.Equal(12, json.RootElement.GetProperty("results").GetArrayLength());
        var first = json.RootElement.GetProperty("results")[0];
        Assert.StartsWith("The following is a multiple-choice question", first.GetProperty("prompt").GetString());
        Assert.True(first.GetProperty("scores").TryGetProperty("ll_A", out _));
        Assert.Contains(json.RootElement.GetProperty("report").GetProperty("metrics").EnumerateArray(), m => m.GetProperty("key").GetString() == "accuracy");
    }

    [Fact]
    public async Task Eval_refuses_a_model_outside_the_models_folder_with_a_clear_message()
    {
        await using var bed = await EvalTestBed.CreateAsync();
        await bed.ImportDemoFileAsync("mma-asia-demo.jsonl");

        var result = await WorkbenchCommand.RunAsync(["eval", "--model", "/etc/hostname", "--method", "culture-mcq"], bed.DatabasePath, environment: Environment());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("outside the models folder", result.Error);
        var missing = await WorkbenchCommand.RunAsync(["eval", "--method", "culture-mcq"], bed.DatabasePath, environment: Environment());
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("Give --model PATH and --method ID", missing.Error);
    }

    [Fact]
    public async Task A_run_killed_mid_way_resumes_with_every_unit_stored_exactly_once_and_nothing_lost()
    {
        await using var bed = await EvalTestBed.CreateAsync();
        // 80 generated answers of up to 48 tokens: several seconds of work on stories260K even on
        // an idle machine, so the kill below lands mid-way.
        await bed.ImportCultureItemsAsync(Enumerable.Range(0, 80).Select(i => EvalTestBed.CultureRow($"kill-{i:000}", country: i % 2 == 0 ? "Japan" : "India")));
        var arguments = new[] { "eval", "--model", "stories260K.gguf", "--method", "culture-mcq", "--benchmark", "test-culture",
            "--params", "{\"mode\":\"generate\",\"maxTokens\":48,\"grounding\":false}" };

        using (var process = WorkbenchCommand.Start(arguments, bed.DatabasePath, Environment()))
        {
            var deadline = DateTime.UtcNow.AddMinutes(4);
            while (await CountAsync(bed) < 3)
            {
                Assert.False(process.HasExited, $"eval exited (code {(process.HasExited ? process.ExitCode : 0)}) before it could be killed");
                Assert.True(DateTime.UtcNow < deadline, "fewer than three results were stored within four minutes");
                await Task.Delay(100);
            }
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        List<(long Id, long ItemId, DateTime CreatedAt)> beforeKill;
        await using (var db = bed.OpenDb())
            beforeKill = (await db.EvalItemResults.OrderBy(r => r.Id).Select(r => new { r.Id, r.ItemId, r.CreatedAt }).ToListAsync())
                .Select(r => (r.Id, r.ItemId, r.CreatedAt)).ToList();
        Assert.InRange(beforeKill.Count, 3, 79);
        await using (var db = bed.OpenDb())
            Assert.Equal(JobState.Running, (await db.BackgroundJobs.SingleAsync()).State); // killed: nobody marked it

        var resumed = await WorkbenchCommand.RunAsync(["eval", "--resume", "1"], bed.DatabasePath, environment: Environment(), timeout: TimeSpan.FromMinutes(8));

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        await using var check = bed.OpenDb();
        var results = await check.EvalItemResults.Where(r => r.RunId == 1).ToListAsync();
        var itemIds = await check.BenchmarkItems.Select(i => i.Id).ToListAsync();
        Assert.Equal(80, results.Count);
        Assert.Equal(itemIds.Order(), results.Select(r => r.ItemId).Order()); // each unit exactly once
        foreach (var (id, itemId, createdAt) in beforeKill)
            Assert.Contains(results, r => r.Id == id && r.ItemId == itemId && r.CreatedAt == createdAt); // kept, not recomputed
        var job = await check.BackgroundJobs.SingleAsync();
        Assert.Equal((JobState.Completed, 2, 80, 80), (job.State, job.Attempts, job.Done, job.Total));
        Assert.NotNull((await check.EvalRuns.SingleAsync()).ReportJson);
    }

    private static async Task<int> CountAsync(EvalTestBed bed)
    {
        await using var db = bed.OpenDb();
        return await db.EvalItemResults.CountAsync();
    }
}
