using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.Couple.Study;
using ValueAlign.Core.Values.Objectives;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Values;

namespace ValueAlign.Tests.Methods.Couple.Study;

/// <summary>A batch study through the real run engine, job queue and stories260K (nonsense text; parsing, trace, storage and report must hold).</summary>
public sealed class StudyEngineTests
{
    [Fact]
    public async Task Two_arguments_by_one_objective_by_two_methods_store_four_results_and_a_report_and_resume_adds_nothing()
    {
        var catalog = ValueSystemFiles.Shipped;
        // Short rewrites keep the test quick; the pipeline is the same.
        await using var bed = await EvalTestBed.CreateAsync(new CounterfactualStudyMethod(catalog, new ValueAlign.Core.Methods.Couple.Inspection.CounterfactualInspector(new ValueAlign.Core.Methods.Couple.CoupleOptions { ResponseMaxTokens = 48 })));
        await bed.ImportDemoFileAsync("arguments-demo.tsv");
        var system = catalog.Get("schwartz-10");
        var objective = ValueObjective.FromVector(system, [.. system.Dimensions.Select(d => d.Id == "benevolence" ? 5 : 2)]) with { Name = "caring" };
        var parameters = $"{{\"methods\":[\"couple\",\"raw\"],\"objectives\":[{ValueObjectiveJson.Export(objective)}]}}";
        var filter = new ItemFilter { Kind = ItemKind.ValueLabelledText, Search = "libraries" };

        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, CounterfactualStudyMethod.MethodId, filter, parameters, 3, "study"), "alice");
        Assert.Equal(4, run.UnitCount);
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        var stored = await StoredRunInvariants.AssertAsync(bed, run.Id);
        var results = stored.Results;
        Assert.Equal(4, results.Count);
        Assert.Equal(["o0:couple", "o0:raw"], results.Select(r => r.UnitKey).Distinct().Order());
        foreach (var result in results)
        {
            // The grammar keeps even stories260K's ratings well-formed: every unit finishes and is scored.
            Assert.Null(result.Error);
            Assert.True(result.Scores().ContainsKey("mae"), $"{result.UnitKey}: no MAE");
            using var trace = JsonDocument.Parse(result.RawOutput);
            Assert.Equal(JsonValueKind.Array, trace.RootElement.ValueKind);
            Assert.Equal("Evaluation", trace.RootElement.EnumerateArray().Last().GetProperty("name").GetString());
            Assert.Contains("Public libraries should open on Sundays", result.Prompt, StringComparison.Ordinal);
        }
        var report = stored.Report;
        Assert.Equal(CounterfactualStudyMethod.MethodId, report.Method);
        Assert.Equal(["couple", "raw"], report.Chart("mae-by-method")!.Categories);
        // Recomputed from the stored rows: the mean MAE of each method's units.
        foreach (var method in new[] { "couple", "raw" })
        {
            var mine = results.Where(r => r.UnitKey == $"o0:{method}").ToList();
            var metric = report.Metrics.Single(m => m.Key == $"mae.{method}");
            Assert.Equal(mine.Average(r => r.Scores()["mae"]), metric.Value!.Value, 12);
            Assert.Equal(2, metric.N);
        }

        // Running the finished job again is refused; a resumed (re-queued) run adds no result.
        Assert.Null(await bed.Runner.RunAsync(run.JobId, CancellationToken.None));
        Assert.False(await bed.Runs.ResumeAsync(run.Id));
        await using var after = bed.OpenDb();
        Assert.Equal(4, await after.EvalItemResults.CountAsync(r => r.RunId == run.Id));
    }
}
