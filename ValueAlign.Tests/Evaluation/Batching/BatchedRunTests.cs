using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.Culture;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Evaluation.Batching;

/// <summary>
/// Culture-MCQ runs on the demo items with stories260K, units one at a time against many in flight
/// (their questions packed into shared-prefix scorer calls): the same answers and log-likelihoods,
/// and a cancel in the middle of a batch loses nothing and stores nothing twice.
/// </summary>
public sealed class BatchedRunTests
{
    private const string Circular = "{\"circular\":true}";
    private static readonly ItemFilter CultureItems = new() { Kind = ItemKind.CultureMultipleChoice };

    private sealed record UnitRow(string ExternalId, string UnitKey, string? ParsedAnswer, bool? Correct, string? Error, IReadOnlyDictionary<string, double> Scores);

    private static async Task<(List<UnitRow> Rows, int Calls)> RunAsync(int unitsInFlight)
    {
        var logs = new CapturedLogs();
        await using var bed = await EvalTestBed.CreateWithEngineAsync(new RunEngineOptions { UnitsInFlight = unitsInFlight }, logs);
        await bed.ImportDemoFileAsync("mma-asia-demo.jsonl");
        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, CultureMcqMethod.MethodId, CultureItems, Circular, 3), "curator");
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));
        return (await RowsAsync(bed, run.Id), ScoringCalls(logs, run.Id));
    }

    private static async Task<List<UnitRow>> RowsAsync(EvalTestBed bed, long runId)
    {
        await using var db = bed.OpenDb();
        var rows = await (from r in db.EvalItemResults
                          join i in db.BenchmarkItems on r.ItemId equals i.Id
                          where r.RunId == runId
                          select new { i.ExternalId, r.UnitKey, r.ParsedAnswer, r.Correct, r.Error, r.ScoresJson }).ToListAsync();
        return rows.Select(r => new UnitRow(r.ExternalId, r.UnitKey, r.ParsedAnswer, r.Correct, r.Error, EvalScores.Parse(r.ScoresJson)))
            .OrderBy(r => r.ExternalId, StringComparer.Ordinal).ThenBy(r => r.UnitKey, StringComparer.Ordinal).ToList();
    }

    private static int ScoringCalls(CapturedLogs logs, long runId)
    {
        var line = logs.Entries.Select(e => e.Message).Single(m => m.StartsWith($"Run {runId}: ", StringComparison.Ordinal) && m.Contains("scored in", StringComparison.Ordinal));
        return int.Parse(Regex.Match(line, @"scored in (\d+) call").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AssertSameResults(IReadOnlyList<UnitRow> expected, IReadOnlyList<UnitRow> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var u = 0; u < expected.Count; u++)
        {
            var (e, a) = (expected[u], actual[u]);
            Assert.Equal((e.ExternalId, e.UnitKey, e.ParsedAnswer, e.Correct, e.Error), (a.ExternalId, a.UnitKey, a.ParsedAnswer, a.Correct, a.Error));
            Assert.Equal(e.Scores.Keys.Order(), a.Scores.Keys.Order());
            foreach (var (name, value) in e.Scores)
                Assert.True(Math.Abs(value - a.Scores[name]) <= 1e-6, $"{e.ExternalId} {e.UnitKey} {name}: {value} one by one, {a.Scores[name]} batched");
        }
    }

    [Fact]
    public async Task Units_in_flight_share_scorer_calls_and_give_exactly_the_results_of_one_by_one()
    {
        var (oneByOne, oneByOneCalls) = await RunAsync(unitsInFlight: 1);
        var (batched, batchedCalls) = await RunAsync(unitsInFlight: 16);

        Assert.Equal(48, oneByOne.Count); // 12 demo items × 4 rotations
        Assert.Equal(48, oneByOneCalls);
        Assert.Equal(3, batchedCalls); // 16 questions a call
        Assert.All(batched, r => Assert.Null(r.Error));
        AssertSameResults(oneByOne, batched);
    }

    [Fact]
    public async Task A_cancel_in_the_middle_of_a_batch_stores_no_unit_twice_and_the_resumed_run_equals_an_uninterrupted_one()
    {
        var (uninterrupted, _) = await RunAsync(unitsInFlight: 8);
        var gated = new GatedCultureMethod { StopAtUnit = 12 };
        await using var bed = await EvalTestBed.CreateWithEngineAsync(new RunEngineOptions { UnitsInFlight = 8 }, null, gated);
        await bed.ImportDemoFileAsync("mma-asia-demo.jsonl");
        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, gated.Id, CultureItems, Circular, 3), "curator");

        var running = bed.Runner.RunAsync(run.JobId, CancellationToken.None);
        await gated.Stopped.Task.WaitAsync(TimeSpan.FromSeconds(120));
        await Task.Delay(200); // the other units of the batch queue up behind the gated one
        Assert.True(await bed.Runs.CancelAsync(run.Id));
        Assert.Equal(JobState.Cancelled, await running);

        List<(long Id, long ItemId, string UnitKey)> beforeResume;
        await using (var db = bed.OpenDb())
        {
            beforeResume = (await db.EvalItemResults.Where(r => r.RunId == run.Id).Select(r => new { r.Id, r.ItemId, r.UnitKey }).ToListAsync())
                .Select(r => (r.Id, r.ItemId, r.UnitKey)).ToList();
            Assert.False(await db.EvalItemResults.AnyAsync(r => r.Error != null)); // cancelled units are not stored as errors
        }
        Assert.InRange(beforeResume.Count, 1, 12); // the batches before the gated unit's are stored, its batch is not

        Assert.True(await bed.Runs.ResumeAsync(run.Id));
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(null, CancellationToken.None));

        var resumed = await RowsAsync(bed, run.Id);
        Assert.Equal(48, resumed.Select(r => (r.ExternalId, r.UnitKey)).Distinct().Count());
        AssertSameResults(uninterrupted, resumed);
        await using var check = bed.OpenDb();
        foreach (var (id, itemId, unitKey) in beforeResume)
            Assert.True(await check.EvalItemResults.AnyAsync(r => r.Id == id && r.ItemId == itemId && r.UnitKey == unitKey), "a result stored before the cancel was replaced");
    }
}
