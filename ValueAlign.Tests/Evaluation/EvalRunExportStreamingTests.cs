using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;
using ValueAlign.Tests.Support;
using ValueAlign.Tests.Dashboards;

namespace ValueAlign.Tests.Evaluation;

/// <summary>
/// The CLI's run export (<c>eval --export</c>) streams like the web's: most of the JSON has reached
/// the output before the reader of the results closes, and the document holds every result in
/// item and unit order with its item's benchmark and external id.
/// </summary>
public sealed class EvalRunExportStreamingTests : IAsyncLifetime
{
    private const int Rows = 2000;
    private DashboardDatabase _db = default!;
    private long _runId;

    public async Task InitializeAsync()
    {
        _db = await DashboardDatabase.CreateAsync();
        _runId = (await SampleRuns.InsertAsync(_db.Factory, "large run")).Id;
        await using var db = await _db.Factory.CreateDbContextAsync();
        var items = Enumerable.Range(1, Rows / 2).Select(i => new BenchmarkItem
        {
            Benchmark = "stream", ExternalId = $"q{i}", Kind = ItemKind.CultureMultipleChoice, Text = $"Question {i}?",
            SourceFormat = "test", SourceRecord = "{}",
        }).ToList();
        db.BenchmarkItems.AddRange(items);
        await db.SaveChangesAsync();
        var output = new string('o', 1000);
        // Two units per item, inserted out of order: the export sorts by item, then unit.
        db.EvalItemResults.AddRange(items.AsEnumerable().Reverse().SelectMany(item => new[] { "r1", "r0" }.Select(unit => new EvalItemResult
        {
            RunId = _runId, ItemId = item.Id, UnitKey = unit, Prompt = $"prompt {item.ExternalId}", RawOutput = output,
            ScoresJson = """{"correct":1}""", Correct = true, DurationMs = 1, CreatedAt = DateTime.UtcNow,
        })));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Results_reach_the_output_while_they_are_read_in_item_and_unit_order()
    {
        using var output = new MemoryStream();
        var recorder = new ResultReaderRecorder(output);
        var export = new EvalRunExport(recorder.Factory(ValueAlignDbContextFactory.ResolveSqlite($"Data Source={_db.FilePath}", "/")));

        await export.WriteJsonAsync(_runId, output);

        using var doc = JsonDocument.Parse(output.ToArray());
        Assert.Equal(_runId, doc.RootElement.GetProperty("run").GetProperty("id").GetInt64());
        Assert.Equal(JsonValueKind.Object, doc.RootElement.GetProperty("report").ValueKind);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(Rows, results.Count);
        Assert.Equal(["q1", "q1", "q2"], results.Take(3).Select(r => r.GetProperty("externalId").GetString()));
        Assert.Equal(["r0", "r1"], results.Take(2).Select(r => r.GetProperty("unitKey").GetString()));
        Assert.All(results, r => Assert.Equal("stream", r.GetProperty("benchmark").GetString()));
        Assert.Equal(1, results[0].GetProperty("scores").GetProperty("correct").GetInt32());
        var atClose = Assert.Single(recorder.OutputAtClose);
        Assert.True(atClose > output.Length / 2, $"only {atClose} of {output.Length} bytes were written before the results were all read");
    }
}
