using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Import;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.Dilemmas;
using ValueAlign.Core.Methods.Mova;
using ValueAlign.Core.Methods.Questionnaires;
using ValueAlign.Tests.Evaluation;
using ValueAlign.Tests.Values;
using Microsoft.Extensions.DependencyInjection;

namespace ValueAlign.Tests.Methods.Evaluation;

/// <summary>
/// The three value methods through the real run engine (job queue, SQLite, stories260K): planned
/// from the library's items, every unit stored with prompt and raw output, and the report stored
/// with the run.
/// </summary>
public sealed class EngineRunTests
{
    private static async Task<EvalTestBed> BedAsync() =>
        await EvalTestBed.CreateAsync(new MovaMethod(ValueSystemFiles.Shipped), new QuestionnaireMethod(ValueSystemFiles.Shipped), new DilemmaMethod());

    private static async Task<(EvalRun Run, List<EvalItemResult> Results, RunReport Report)> RunAsync(EvalTestBed bed, string method, ItemFilter filter, string parameters)
    {
        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, method, filter, parameters, 3), "alice");
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));
        await using var db = bed.OpenDb();
        var results = await db.EvalItemResults.Where(r => r.RunId == run.Id).OrderBy(r => r.ItemId).ThenBy(r => r.UnitKey).ToListAsync();
        var stored = (await bed.Runs.GetAsync(run.Id))!;
        return (stored, results, RunReportJson.Deserialize(stored.ReportJson!));
    }

    [Fact]
    public async Task Mova_over_the_demo_mova_items_stores_every_unit_and_the_report()
    {
        await using var bed = await BedAsync();
        await bed.ImportDemoFileAsync("mova-demo.csv");

        var (run, results, report) = await RunAsync(bed, MovaMethod.MethodId, new ItemFilter { Kind = ItemKind.ValueLabelledText }, "{}");

        Assert.Equal(run.UnitCount, results.Count);
        Assert.All(results, r =>
        {
            Assert.Null(r.Error);
            Assert.Contains("<text>", r.Prompt, StringComparison.Ordinal);
            Assert.StartsWith("{\"family\": ", r.RawOutput, StringComparison.Ordinal);
            Assert.Equal(7, EvalScores.Parse(r.ScoresJson).Count(s => s.Key.StartsWith("p.", StringComparison.Ordinal)));
        });
        Assert.Equal(results.Count, report.Metrics.Single(m => m.Key == "texts").Value);
        Assert.Equal(7, report.Chart("dimension-metrics")!.Categories.Count);
    }

    [Fact]
    public async Task Questionnaire_over_the_demo_pvq_items_reports_a_polar_profile()
    {
        await using var bed = await BedAsync();
        await bed.ImportDemoFileAsync("valuebench-demo.csv");

        var (run, results, report) = await RunAsync(bed, QuestionnaireMethod.MethodId, new ItemFilter { Category = "PVQ40" }, "{\"check\": false}");

        Assert.Equal(3, run.UnitCount);
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal(3, report.Metrics.Single(m => m.Key == "items").Value);
        Assert.Equal(ReportChartKind.Polar, report.Chart("profile")!.Kind);
    }

    [Fact]
    public async Task Dilemmas_seeded_into_the_library_run_through_the_engine()
    {
        await using var bed = await BedAsync();
        var import = await bed.Services.GetRequiredService<ImportService>().ImportAsync(DilemmaDataTests.DilemmasFile, new ImportOptions());
        Assert.Equal(18, import.Inserted);

        var (run, results, report) = await RunAsync(bed, DilemmaMethod.MethodId, new ItemFilter { Category = "The closing factory" }, "{}");

        var result = Assert.Single(results);
        Assert.Equal(1, run.UnitCount);
        Assert.Null(result.Error);
        Assert.Contains("Possible responses:", result.Prompt, StringComparison.Ordinal);
        Assert.Equal(1, report.Metrics.Single(m => m.Key == "dilemmas").Value);
        Assert.Equal(5, report.Chart("rank-distribution")!.Series.Count);
    }
}
