using System.Text;
using System.Text.Json;
using ValueAlign.Core.Dashboards;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Tests.Dashboards;

public sealed class RunResultsExporterTests : IAsyncLifetime
{
    private DashboardDatabase _db = default!;
    private long _runId;

    public async Task InitializeAsync()
    {
        _db = await DashboardDatabase.CreateAsync();
        _runId = (await SampleRuns.InsertAsync(_db.Factory, "run A")).Id;
        await using var db = await _db.Factory.CreateDbContextAsync();
        db.EvalItemResults.AddRange(
            new EvalItemResult
            {
                RunId = _runId, ItemId = 1, Prompt = "=HYPERLINK(\"http://x\")", RawOutput = "+1 then, \"quoted\"", ParsedAnswer = "@A",
                ScoresJson = """{"logprob_A":-1.25,"correct":1}""", Correct = true, DurationMs = 12.5, CreatedAt = DateTime.UtcNow,
            },
            new EvalItemResult
            {
                RunId = _runId, ItemId = 2, UnitKey = "rot1", Prompt = "plain", RawOutput = "-cmd|' /C calc'!A0", ParsedAnswer = null,
                ScoresJson = """{"correct":0}""", Correct = false, Error = "unparsable", DurationMs = 3, CreatedAt = DateTime.UtcNow,
            });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Csv_neutralises_formulas_but_keeps_numbers_and_has_a_column_per_score()
    {
        using var stream = new MemoryStream();
        await _db.Exporter.WriteCsvAsync(_runId, stream);
        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("run_id,item_id,benchmark,external_id,unit_key,parsed_answer,correct,error,duration_ms,from_cache,prompt,raw_output,score_correct,score_logprob_A", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Equal($"{_runId},1,,,,'@A,true,,12.5,false,\"'=HYPERLINK(\"\"http://x\"\")\",\"'+1 then, \"\"quoted\"\"\",1,-1.25", lines[1]);
        Assert.Equal($"{_runId},2,,,rot1,,false,unparsable,3,false,plain,'-cmd|' /C calc'!A0,0,", lines[2]);
    }

    [Fact]
    public async Task Json_keeps_scores_as_numbers_and_text_verbatim()
    {
        using var stream = new MemoryStream();
        await _db.Exporter.WriteJsonAsync(_runId, stream);
        using var doc = JsonDocument.Parse(stream.ToArray());
        var rows = doc.RootElement.EnumerateArray().ToList();

        Assert.Equal(2, rows.Count);
        Assert.Equal("=HYPERLINK(\"http://x\")", rows[0].GetProperty("prompt").GetString());
        Assert.Equal(-1.25, rows[0].GetProperty("scores").GetProperty("logprob_A").GetDouble());
        Assert.True(rows[0].GetProperty("correct").GetBoolean());
        Assert.Equal("rot1", rows[1].GetProperty("unitKey").GetString());
        Assert.Equal("unparsable", rows[1].GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_missing_run_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<DashboardException>(() => _db.Exporter.WriteCsvAsync(404, new MemoryStream()));
        Assert.Contains("Run 404 does not exist", error.Message);
    }
}
