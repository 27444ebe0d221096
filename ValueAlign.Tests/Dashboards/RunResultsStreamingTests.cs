using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Dashboards;
using ValueAlign.Core.Data;
using ValueAlign.Core.Evaluation;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Dashboards;

/// <summary>
/// Result exports stream: most of the file has reached the output before the database reader of
/// the rows is closed, i.e. rows are written while they are read, not loaded first.
/// </summary>
public sealed class RunResultsStreamingTests : IAsyncLifetime
{
    private const int Rows = 3000;
    private DashboardDatabase _db = default!;
    private long _runId;

    public async Task InitializeAsync()
    {
        _db = await DashboardDatabase.CreateAsync();
        _runId = (await SampleRuns.InsertAsync(_db.Factory, "large run")).Id;
        await using var db = await _db.Factory.CreateDbContextAsync();
        var output = new string('o', 1000);
        db.EvalItemResults.AddRange(Enumerable.Range(1, Rows).Select(i => new EvalItemResult
        {
            RunId = _runId, ItemId = i, Prompt = $"prompt {i}", RawOutput = output, ScoresJson = $$"""{"correct":{{i % 2}}}""",
            Correct = i % 2 == 1, DurationMs = 1, CreatedAt = DateTime.UtcNow,
        }));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(MemoryStream Output, ResultReaderRecorder Recorder)> ExportAsync(Func<RunResultsExporter, Stream, Task> export)
    {
        var output = new MemoryStream();
        var recorder = new ResultReaderRecorder(output);
        var exporter = new RunResultsExporter(recorder.Factory(ValueAlignDbContextFactory.ResolveSqlite($"Data Source={_db.FilePath}", "/")));
        await export(exporter, output);
        return (output, recorder);
    }

    [Fact]
    public async Task Csv_rows_reach_the_output_while_the_rows_are_being_read()
    {
        var (output, recorder) = await ExportAsync((e, s) => e.WriteCsvAsync(_runId, s));
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Rows + 1, lines.Length);
        Assert.EndsWith("score_correct", lines[0]);
        var atClose = Assert.Single(recorder.OutputAtClose);
        Assert.True(atClose > output.Length / 2, $"only {atClose} of {output.Length} bytes were written before the rows were all read");
    }

    [Fact]
    public async Task Json_rows_reach_the_output_while_the_rows_are_being_read()
    {
        var (output, recorder) = await ExportAsync((e, s) => e.WriteJsonAsync(_runId, s));
        using var doc = JsonDocument.Parse(output.ToArray());
        Assert.Equal(Rows, doc.RootElement.GetArrayLength());
        var atClose = Assert.Single(recorder.OutputAtClose);
        Assert.True(atClose > output.Length / 2, $"only {atClose} of {output.Length} bytes were written before the rows were all read");
    }
}
