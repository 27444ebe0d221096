using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Jobs;

namespace ValueAlign.Tests.Evaluation;

/// <summary>The run engine end to end over SQLite, the job queue and stories260K, with a scripted method.</summary>
public sealed class EvalRunEngineTests
{
    private static readonly ItemFilter TestItems = new() { Benchmark = "test-culture" };

    private static async Task<EvalTestBed> BedWithItemsAsync(ScriptedMethod method, int count, Func<int, string>? id = null)
    {
        var bed = await EvalTestBed.CreateAsync(method);
        await bed.ImportCultureItemsAsync(Enumerable.Range(0, count).Select(i => EvalTestBed.CultureRow(id?.Invoke(i) ?? $"item-{i:000}")));
        return bed;
    }

    private static EvalRunRequest Request(int seed = 1, string parameters = "{\"units\":1}", string? name = null) =>
        new(EvalTestBed.StoriesModel, "scripted", TestItems, parameters, seed, name);

    [Fact]
    public async Task A_run_stores_one_result_per_unit_with_judge_labels_and_a_report()
    {
        var method = new ScriptedMethod();
        await using var bed = await BedWithItemsAsync(method, 4);

        var run = await bed.Runs.CreateAsync(Request(parameters: "{\"units\":2}"), "alice");
        Assert.Equal(8, run.UnitCount);
        Assert.Equal(64, run.ConfigHash.Length);
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        await using var db = bed.OpenDb();
        var results = await db.EvalItemResults.Where(r => r.RunId == run.Id).ToListAsync();
        Assert.Equal(8, results.Count);
        Assert.All(results, r => Assert.False(r.FromCache));
        Assert.All(results, r => Assert.True(r.DurationMs >= 0));
        Assert.Equal(["u0", "u1"], results.Select(r => r.UnitKey).Distinct().Order());
        var labels = await db.JudgeLabels.Where(l => l.EvalRunId == run.Id).ToListAsync();
        Assert.Equal(8, labels.Count);
        Assert.All(labels, l => Assert.StartsWith("stories260K.gguf (", l.JudgeModel));
        var stored = await bed.Runs.GetAsync(run.Id);
        Assert.NotNull(stored!.FinishedAt);
        var report = RunReportJson.Deserialize(stored.ReportJson!);
        Assert.Equal(8, report.Metrics.Single(m => m.Key == "units").Value);
        var job = await bed.Queue.GetAsync(run.JobId!.Value);
        Assert.Equal((8, 8), (job!.Done, job.Total));
    }

    [Fact]
    public async Task An_identical_configuration_reuses_every_result_from_the_cache_and_computes_nothing()
    {
        var method = new ScriptedMethod();
        await using var bed = await BedWithItemsAsync(method, 5);
        var first = await bed.Runs.CreateAsync(Request(name: "first"), "alice");
        await bed.Runner.RunAsync(first.JobId, CancellationToken.None);
        Assert.Equal(5, method.Executions.Count);

        // Same configuration spelled differently (key order, spaces) and under another name.
        var second = await bed.Runs.CreateAsync(Request(parameters: "{ \"units\" : 1 }", name: "second"), "bob");
        Assert.Equal(first.ConfigHash, second.ConfigHash);
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(second.JobId, CancellationToken.None));

        Assert.Equal(5, method.Executions.Count);
        await using var db = bed.OpenDb();
        var original = await db.EvalItemResults.Where(r => r.RunId == first.Id).OrderBy(r => r.ItemId).ToListAsync();
        var cached = await db.EvalItemResults.Where(r => r.RunId == second.Id).OrderBy(r => r.ItemId).ToListAsync();
        Assert.Equal(5, cached.Count);
        Assert.All(cached, r => Assert.True(r.FromCache));
        Assert.Equal(original.Select(r => (r.ItemId, r.ParsedAnswer, r.ScoresJson, r.Correct)), cached.Select(r => (r.ItemId, r.ParsedAnswer, r.ScoresJson, r.Correct)));
        Assert.Equal(5, await db.JudgeLabels.CountAsync(l => l.EvalRunId == second.Id));
        var firstReport = (await bed.Runs.GetAsync(first.Id))!.ReportJson;
        Assert.Equal(firstReport, (await bed.Runs.GetAsync(second.Id))!.ReportJson);
    }

    [Fact]
    public async Task A_different_seed_gives_a_different_hash_and_nothing_is_reused()
    {
        var method = new ScriptedMethod();
        await using var bed = await BedWithItemsAsync(method, 3);
        var first = await bed.Runs.CreateAsync(Request(seed: 1), "alice");
        await bed.Runner.RunAsync(first.JobId, CancellationToken.None);
        var other = await bed.Runs.CreateAsync(Request(seed: 2), "alice");

        Assert.NotEqual(first.ConfigHash, other.ConfigHash);
        await bed.Runner.RunAsync(other.JobId, CancellationToken.None);
        Assert.Equal(6, method.Executions.Count);
        await using var db = bed.OpenDb();
        Assert.False(await db.EvalItemResults.AnyAsync(r => r.FromCache));
        Assert.All(await db.EvalItemResults.Where(r => r.RunId == other.Id).ToListAsync(), r => Assert.Contains("\"seed\":2", r.ScoresJson));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_report_step_loads_prompts_and_raw_outputs_only_for_methods_that_read_them(bool readsTexts)
    {
        var method = new ScriptedMethod { SummaryReadsTexts = readsTexts };
        await using var bed = await BedWithItemsAsync(method, 3);
        var run = await bed.Runs.CreateAsync(Request(), "alice");
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        var results = method.Summarized!.Results;
        Assert.Equal(3, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal(readsTexts, r.Prompt.StartsWith("Q: ", StringComparison.Ordinal));
            Assert.Equal(readsTexts ? "B" : "", r.RawOutput);
            // Everything a report counts is there either way.
            Assert.Equal("B", r.ParsedAnswer);
            Assert.Contains("\"tokens\"", r.ScoresJson);
            Assert.Equal(run.Id, r.RunId);
            Assert.NotNull(r.ItemContentHash);
        });
        if (!readsTexts)
        {
            Assert.All(results, r => Assert.Equal("", r.Prompt));
        }
        // The stored rows keep their texts.
        await using var db = bed.OpenDb();
        Assert.All(await db.EvalItemResults.Where(r => r.RunId == run.Id).ToListAsync(), r => Assert.StartsWith("Q: ", r.Prompt));
    }

    [Fact]
    public async Task A_cancelled_run_resumes_in_process_without_losing_or_repeating_a_unit()
    {
        var method = new ScriptedMethod { BlockAtExecution = 3 };
        await using var bed = await BedWithItemsAsync(method, 7);
        var run = await bed.Runs.CreateAsync(Request(), "alice");

        var running = bed.Runner.RunAsync(run.JobId, CancellationToken.None);
        await method.Blocked.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(await bed.Runs.CancelAsync(run.Id));
        Assert.Equal(JobState.Cancelled, await running);
        // Units run several at a time: every unit computed before the cancel is stored, the blocked one is not.
        await using (var db = bed.OpenDb())
        {
            var storedBeforeResume = await db.EvalItemResults.CountAsync(r => r.RunId == run.Id);
            Assert.Equal(method.Executions.Count, storedBeforeResume);
            Assert.InRange(storedBeforeResume, 3, 6);
        }
        Assert.Null((await bed.Runs.GetAsync(run.Id))!.FinishedAt);

        Assert.True(await bed.Runs.ResumeAsync(run.Id));
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(null, CancellationToken.None));

        await using var check = bed.OpenDb();
        var results = await check.EvalItemResults.Where(r => r.RunId == run.Id).ToListAsync();
        var itemIds = await check.BenchmarkItems.Select(i => i.Id).ToListAsync();
        Assert.Equal(itemIds.Order(), results.Select(r => r.ItemId).Order());
        Assert.Equal(7, method.Executions.Count);
        Assert.Equal(7, method.Executions.Select(e => e.ItemId).Distinct().Count());
        Assert.Equal(2, (await bed.Queue.GetAsync(run.JobId!.Value))!.Attempts);
    }

    [Fact]
    public async Task A_failing_unit_is_stored_with_its_error_and_the_run_completes()
    {
        var method = new ScriptedMethod();
        await using var bed = await BedWithItemsAsync(method, 4, i => i == 2 ? "item-broken" : $"item-{i}");
        var run = await bed.Runs.CreateAsync(Request(), "alice");

        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        var errors = await bed.Runs.ResultsAsync(run.Id, new EvalResultFilter { Outcome = EvalOutcomeFilter.Error }, 0, 10);
        var row = Assert.Single(errors.Rows);
        Assert.Equal("item-broken", row.ExternalId);
        Assert.Equal("item item-broken is broken", row.Result.Error);
        Assert.Equal(3, (await bed.Runs.ResultsAsync(run.Id, new EvalResultFilter { Outcome = EvalOutcomeFilter.Correct }, 0, 10)).Total);
    }

    [Fact]
    public async Task Item_results_are_filtered_by_outcome_text_and_group_and_paged_on_the_server()
    {
        var method = new ScriptedMethod();
        await using var bed = await EvalTestBed.CreateAsync(method);
        await bed.ImportCultureItemsAsync(
        [
            EvalTestBed.CultureRow("jp-1", country: "Japan"),
            EvalTestBed.CultureRow("jp-2", country: "Japan", language: "ja"),
            EvalTestBed.CultureRow("in-1", country: "India"),
            EvalTestBed.CultureRow("in-2", country: "India"),
            EvalTestBed.CultureRow("in-3", country: "India"),
        ]);
        var run = await bed.Runs.CreateAsync(Request(), "alice");
        await bed.Runner.RunAsync(run.JobId, CancellationToken.None);

        var india = await bed.Runs.ResultsAsync(run.Id, new EvalResultFilter { Country = "India" }, 0, 2);
        Assert.Equal(3, india.Total);
        Assert.Equal(2, india.Rows.Count);
        var second = await bed.Runs.ResultsAsync(run.Id, new EvalResultFilter { Country = "India" }, 2, 2);
        Assert.Equal("in-3", Assert.Single(second.Rows).ExternalId);
        Assert.Equal("jp-2", Assert.Single((await bed.Runs.ResultsAsync(run.Id, new EvalResultFilter { Language = "ja" }, 0, 10)).Rows).ExternalId);
        Assert.Equal("in-2", Assert.Single((await bed.Runs.ResultsAsync(run.Id, new EvalResultFilter { Search = "QUESTION IN-2" }, 0, 10)).Rows).ExternalId);
        Assert.Equal(0, (await bed.Runs.ResultsAsync(run.Id, new EvalResultFilter { Outcome = EvalOutcomeFilter.Incorrect }, 0, 10)).Total);
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_a_clear_message_and_create_nothing()
    {
        var method = new ScriptedMethod();
        await using var bed = await BedWithItemsAsync(method, 2);

        var outside = await Assert.ThrowsAsync<EvalRunException>(() => bed.Runs.CreateAsync(Request() with { ModelPath = "../../etc/passwd" }, "a"));
        Assert.Contains("outside the models folder", outside.Message);
        var missing = await Assert.ThrowsAsync<EvalRunException>(() => bed.Runs.CreateAsync(Request() with { ModelPath = "nope.gguf" }, "a"));
        Assert.Contains("nope.gguf", missing.Message);
        var unknown = await Assert.ThrowsAsync<EvalRunException>(() => bed.Runs.CreateAsync(Request() with { Method = "astrology" }, "a"));
        Assert.Contains("Unknown evaluation method 'astrology'", unknown.Message);
        var array = await Assert.ThrowsAsync<EvalRunException>(() => bed.Runs.CreateAsync(Request(parameters: "[1]"), "a"));
        Assert.Contains("must be a JSON object", array.Message);
        var broken = await Assert.ThrowsAsync<EvalRunException>(() => bed.Runs.CreateAsync(Request(parameters: "{\"units\":"), "a"));
        Assert.Contains("not valid JSON", broken.Message);
        var empty = await Assert.ThrowsAsync<EvalRunException>(() => bed.Runs.CreateAsync(Request() with { Filter = new ItemFilter { Benchmark = "none" } }, "a"));
        Assert.Contains("empty", empty.Message);
        var plan = await Assert.ThrowsAsync<EvalRunException>(() => bed.Runs.CreateAsync(Request(parameters: "{\"units\":0}"), "a"));
        Assert.Contains("units must be at least 1", plan.Message);

        await using var db = bed.OpenDb();
        Assert.False(await db.EvalRuns.AnyAsync());
        Assert.False(await db.BackgroundJobs.AnyAsync());
    }
}
