using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.Culture;

namespace ValueAlign.Tests.Evaluation.Pausing;

/// <summary>
/// A run whose model is unloaded under it waits for the model (nothing stored as an error) and,
/// once the same model is loaded again, finishes with the results of a run never interrupted.
/// Real engine, SQLite file and stories260K; the unload is the host's, as the Models page does it.
/// </summary>
public sealed class ModelUnloadPauseTests
{
    private static readonly ItemFilter CultureItems = new() { Kind = ItemKind.CultureMultipleChoice };

    private static EvalRunRequest CultureRun(string name) =>
        new(EvalTestBed.StoriesModel, "unloading", CultureItems, "{}", 3, name);

    private static async Task<(EvalTestBed Bed, UnloadingMethod Method)> CultureBedAsync()
    {
        var method = new UnloadingMethod(new CultureMcqMethod());
        var bed = await EvalTestBed.CreateAsync(method);
        await bed.ImportDemoFileAsync("mma-asia-demo.jsonl");
        return (bed, method);
    }

    private static async Task<List<(string Item, string Unit, string? Answer, bool? Correct, string Scores, string? Error)>> ResultsAsync(EvalTestBed bed, long runId)
    {
        await using var db = bed.OpenDb();
        var rows = await (from r in db.EvalItemResults
                          join i in db.BenchmarkItems on r.ItemId equals i.Id
                          where r.RunId == runId
                          orderby i.ExternalId, r.UnitKey
                          select new { i.ExternalId, r.UnitKey, r.ParsedAnswer, r.Correct, r.ScoresJson, r.Error }).ToListAsync();
        return rows.Select(r => (r.ExternalId, r.UnitKey, (string?)r.ParsedAnswer, r.Correct, r.ScoresJson, (string?)r.Error)).ToList();
    }

    private static async Task<JobState> WaitForStateAsync(EvalTestBed bed, long jobId, JobState wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var state = (await bed.Queue.GetAsync(jobId))!.State;
            if (state == wanted || DateTime.UtcNow > deadline)
                return state;
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_model_unloaded_mid_run_pauses_it_and_reloading_it_resumes_to_the_results_of_an_uninterrupted_run()
    {
        var (reference, _) = await CultureBedAsync();
        await using var referenceBed = reference;
        var uninterrupted = await referenceBed.Runs.CreateAsync(CultureRun("uninterrupted"), "curator");
        Assert.Equal(JobState.Completed, await referenceBed.Runner.RunAsync(uninterrupted.JobId, CancellationToken.None));
        var expected = await ResultsAsync(referenceBed, uninterrupted.Id);

        var (bed, method) = await CultureBedAsync();
        await using var _ = bed;
        var host = bed.Services.GetRequiredService<ModelHost>();
        var resumer = bed.Services.GetRequiredService<WaitingRunResumer>();
        await resumer.StartAsync(CancellationToken.None);
        method.UnloadAtExecution = 5;
        method.Unload = () => host.UnloadAsync();
        var run = await bed.Runs.CreateAsync(CultureRun("interrupted"), "curator");
        Assert.Equal(expected.Count, run.UnitCount);

        Assert.Equal(JobState.WaitingForModel, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        var job = (await bed.Queue.GetAsync(run.JobId!.Value))!;
        Assert.StartsWith("Waiting for model stories260K.gguf (", job.Message);
        Assert.Null(job.Error);
        var paused = await ResultsAsync(bed, run.Id);
        Assert.All(paused, r => Assert.Null(r.Error));
        Assert.InRange(paused.Count, 0, expected.Count - 1);
        Assert.Null((await bed.Runs.GetAsync(run.Id))!.FinishedAt);
        Assert.Empty(host.Loaded);

        // Loaded again as the Models page does it (by path, no identity given): the run is queued by itself.
        await bed.Services.GetRequiredService<ModelLibrary>().LoadAsync(EvalTestBed.StoriesModel);
        Assert.Equal(JobState.Queued, await WaitForStateAsync(bed, run.JobId.Value, JobState.Queued));
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(null, CancellationToken.None));

        var resumed = await ResultsAsync(bed, run.Id);
        Assert.Equal(expected.Select(r => (r.Item, r.Unit, r.Answer, r.Correct, r.Error)), resumed.Select(r => (r.Item, r.Unit, r.Answer, r.Correct, r.Error)));
        foreach (var (want, got) in expected.Zip(resumed))
        {
            var wantScores = JsonSerializer.Deserialize<Dictionary<string, double>>(want.Scores)!;
            var gotScores = JsonSerializer.Deserialize<Dictionary<string, double>>(got.Scores)!;
            Assert.Equal(wantScores.Keys.Order(), gotScores.Keys.Order());
            foreach (var (key, value) in wantScores)
                Assert.Equal(value, gotScores[key], 1e-6);
        }
        Assert.Equal(2, (await bed.Queue.GetAsync(run.JobId.Value))!.Attempts);
        Assert.Equal((await referenceBed.Runs.GetAsync(uninterrupted.Id))!.ReportJson, (await bed.Runs.GetAsync(run.Id))!.ReportJson);
        await resumer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_run_waiting_for_its_model_resumes_by_hand_and_loads_the_model_itself()
    {
        var scripted = new ScriptedMethod();
        var method = new UnloadingMethod(scripted);
        await using var bed = await EvalTestBed.CreateAsync(method);
        await bed.ImportCultureItemsAsync(Enumerable.Range(0, 6).Select(i => EvalTestBed.CultureRow($"item-{i}")));
        var host = bed.Services.GetRequiredService<ModelHost>();
        method.UnloadAtExecution = 1;
        method.Unload = () => host.UnloadAsync();
        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "unloading", new ItemFilter { Benchmark = "test-culture" }, "{}", 1, "by hand"), "curator");

        Assert.Equal(JobState.WaitingForModel, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));
        await using (var db = bed.OpenDb())
            Assert.Equal(0, await db.EvalItemResults.CountAsync(r => r.RunId == run.Id && r.Error != null));

        // Nothing loads it meanwhile: Resume queues the run and the run loads its model.
        Assert.True(await bed.Runs.ResumeAsync(run.Id));
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(null, CancellationToken.None));
        Assert.Single(host.Loaded);
        await using var check = bed.OpenDb();
        var results = await check.EvalItemResults.Where(r => r.RunId == run.Id).ToListAsync();
        Assert.Equal(6, results.Count);
        Assert.All(results, r => Assert.Null(r.Error));
    }

    [Fact]
    public async Task Loading_another_model_or_a_changed_file_does_not_resume_a_waiting_run()
    {
        var method = new UnloadingMethod(new ScriptedMethod());
        await using var bed = await EvalTestBed.CreateAsync(method);
        await bed.ImportCultureItemsAsync(Enumerable.Range(0, 3).Select(i => EvalTestBed.CultureRow($"item-{i}")));
        var host = bed.Services.GetRequiredService<ModelHost>();
        method.UnloadAtExecution = 1;
        method.Unload = () => host.UnloadAsync();
        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "unloading", new ItemFilter { Benchmark = "test-culture" }, "{}", 1, "swap"), "curator");
        Assert.Equal(JobState.WaitingForModel, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        // The run recorded another identity for its model (as if the file had been replaced): loading it resumes nothing.
        await using (var db = bed.OpenDb())
        {
            var changed = ModelRef.LocalFile(EvalTestBed.StoriesModel, new string('0', 64)).ToJson();
            await db.EvalRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ModelRefJson, changed));
        }
        await bed.Services.GetRequiredService<ModelLibrary>().LoadAsync(EvalTestBed.StoriesModel);
        var resumer = bed.Services.GetRequiredService<WaitingRunResumer>();
        Assert.Empty(await resumer.ResumeReadyAsync());
        Assert.Equal(JobState.WaitingForModel, (await bed.Queue.GetAsync(run.JobId!.Value))!.State);
    }

    [Fact]
    public async Task A_run_and_its_job_are_created_in_one_transaction()
    {
        await using var bed = await EvalTestBed.CreateAsync(new ScriptedMethod());
        await bed.ImportCultureItemsAsync([EvalTestBed.CultureRow("item-1")]);
        await using (var db = bed.OpenDb())
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_jobs BEFORE INSERT ON BackgroundJobs BEGIN SELECT RAISE(ABORT, 'jobs refused by the test'); END;");

        var error = await Assert.ThrowsAsync<DbUpdateException>(() =>
            bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, "scripted", new ItemFilter { Benchmark = "test-culture" }, "{}", 1, "no job"), "curator"));

        Assert.Contains("jobs refused by the test", error.InnerException!.Message);
        await using var check = bed.OpenDb();
        Assert.Equal(0, await check.EvalRuns.CountAsync());
        Assert.Equal(0, await check.BackgroundJobs.CountAsync());
    }
}
