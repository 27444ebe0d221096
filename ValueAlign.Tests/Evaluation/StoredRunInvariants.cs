using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;

namespace ValueAlign.Tests.Evaluation;

/// <summary>
/// What must hold for any finished run, whatever the model said (smoke tests on stories260K cannot
/// assert values): every planned unit has exactly one stored result with its prompt, and a raw
/// output unless it failed; and the stored report is what the method computes from the stored
/// results alone (nothing reported comes from state that was not stored).
/// </summary>
internal static class StoredRunInvariants
{
    public sealed record Stored(EvalRun Run, IReadOnlyList<EvalItemResult> Results, IReadOnlyList<BenchmarkItem> Items, RunReport Report);

    public static Task<Stored> AssertAsync(EvalTestBed bed, long runId) => AssertAsync(bed.Services, runId);

    public static async Task<Stored> AssertAsync(IServiceProvider services, long runId)
    {
        await using var db = services.GetRequiredService<IDbContextFactory<Core.Data.ValueAlignDbContext>>().CreateDbContext();
        var run = await db.EvalRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
        var items = await BenchmarkQuery.Filtered(db, ItemFilterJson.Deserialize(run.ItemFilterJson)).Include(i => i.Labels).OrderBy(i => i.Id).ToListAsync();
        var results = await db.EvalItemResults.AsNoTracking().Where(r => r.RunId == runId).OrderBy(r => r.ItemId).ThenBy(r => r.UnitKey).ToListAsync();
        var method = services.GetRequiredService<EvaluationMethods>().Get(run.Method);

        using var parameters = JsonDocument.Parse(run.ParametersJson);
        var planned = method.Plan(items, new EvalSettings(parameters.RootElement.Clone(), run.Seed, run.TextOnly))
            .Select(u => (u.Item.Id, u.UnitKey)).Order().ToList();
        Assert.Equal(run.UnitCount, planned.Count);
        Assert.Equal(planned, results.Select(r => (r.ItemId, r.UnitKey)).Order().ToList());
        Assert.All(results, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Prompt), $"unit {r.ItemId}/{r.UnitKey} stored no prompt");
            Assert.True(r.Error is not null || r.RawOutput.Length > 0, $"unit {r.ItemId}/{r.UnitKey} stored neither a raw output nor an error");
        });

        Assert.NotNull(run.ReportJson);
        var recomputed = method.Summarize(new EvalSummaryInput(run, results, items.ToDictionary(i => i.Id)));
        Assert.Equal(RunReportJson.Serialize(recomputed), run.ReportJson);
        return new Stored(run, results, items, RunReportJson.Deserialize(run.ReportJson));
    }

    public static IReadOnlyDictionary<string, double> Scores(this EvalItemResult result) => EvalScores.Parse(result.ScoresJson);
}
