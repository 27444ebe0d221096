using System.Text;
using ValueAlign.Core.Benchmarks.Csv;
using ValueAlign.Core.Benchmarks.Export;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Tests.Benchmarks;
using ValueAlign.Tests.Dashboards;

namespace ValueAlign.Tests.Faults;

/// <summary>
/// Cells that start with a line break (a model's raw output often does) are quoted in every CSV
/// the workbench writes: run results and the benchmark library (whose labels and verified labels
/// are JSON cells). Read back with an RFC 4180 reader, each file has one record per row and the
/// cells as stored (a leading CR also gets the formula apostrophe).
/// </summary>
public sealed class CsvLineBreakCellsTests
{
    [Theory]
    [InlineData("\n42", "\"\n42\"")]
    [InlineData("\r\n7", "\"'\r\n7\"")]
    [InlineData("\nthe answer", "\"\nthe answer\"")]
    [InlineData("\n=1+1", "\"\n=1+1\"")]
    public void A_cell_starting_with_a_line_break_is_quoted(string value, string written)
    {
        var line = new StringBuilder();
        CsvCells.Append(line, value);
        Assert.Equal(written, line.ToString());
    }

    [Fact]
    public async Task Run_results_csv_quotes_outputs_that_start_with_a_line_break_even_when_they_read_as_numbers()
    {
        await using var dashboards = await DashboardDatabase.CreateAsync();
        var runId = (await SampleRuns.InsertAsync(dashboards.Factory, "line breaks")).Id;
        await using (var db = await dashboards.Factory.CreateDbContextAsync())
        {
            db.EvalItemResults.AddRange(
                Result(runId, 1, prompt: "\nQ: pick one", raw: "\n42", parsed: "\n3"),
                Result(runId, 2, prompt: "plain", raw: "\r\n7", parsed: "B"),
                Result(runId, 3, prompt: "\r\nQ", raw: "\nThe answer is B.\n", parsed: "-1.25"));
            await db.SaveChangesAsync();
        }
        using var stream = new MemoryStream();
        await dashboards.Exporter.WriteCsvAsync(runId, stream);
        var text = Encoding.UTF8.GetString(stream.ToArray());

        Assert.Contains(",\"\n42\",", text); // the number-looking output is quoted, not written bare
        var records = Read(text);
        Assert.Equal(4, records.Count); // header + one record per result: no row was split by a line break
        var header = records[0];
        string Cell(int row, string column) => records[row][header.IndexOf(column)];
        Assert.Equal(["\nQ: pick one", "\n42", "\n3"], new[] { Cell(1, "prompt"), Cell(1, "raw_output"), Cell(1, "parsed_answer") });
        Assert.Equal("'\r\n7", Cell(2, "raw_output"));
        Assert.Equal(["'\r\nQ", "\nThe answer is B.\n", "-1.25"], new[] { Cell(3, "prompt"), Cell(3, "raw_output"), Cell(3, "parsed_answer") });
    }

    [Fact]
    public async Task Benchmark_csv_quotes_item_cells_that_start_with_a_line_break()
    {
        using var library = await LibraryDatabase.CreateAsync();
        await using (var db = library.Factory.CreateDbContext())
        {
            db.BenchmarkItems.Add(new BenchmarkItem
            {
                Benchmark = "breaks", ExternalId = "\n1", Kind = ItemKind.CultureMultipleChoice, Text = "\nWhich is right?",
                Context = "\r\nSome context", Answer = "\n3", Category = "\n=SUM(A1)", Explanation = "\n12",
                SourceFormat = "test", SourceRecord = "{}",
            });
            await db.SaveChangesAsync();
        }
        using var stream = new MemoryStream();
        Assert.Equal(1, await library.Exporter.ExportAsync(new ItemFilter { Benchmark = "breaks" }, ExportFormat.Csv, stream));
        var records = Read(Encoding.UTF8.GetString(stream.ToArray()));

        Assert.Equal(2, records.Count);
        var header = records[0];
        string Cell(string column) => records[1][header.IndexOf(column)];
        Assert.Equal("\n1", Cell("external_id"));
        Assert.Equal("\nWhich is right?", Cell("text"));
        Assert.Equal("'\r\nSome context", Cell("context"));
        Assert.Equal("\n3", Cell("answer"));
        Assert.Equal("\n=SUM(A1)", Cell("category"));
        Assert.Equal("\n12", Cell("explanation"));
    }

    private static EvalItemResult Result(long runId, long itemId, string prompt, string raw, string parsed) => new()
    {
        RunId = runId, ItemId = itemId, Prompt = prompt, RawOutput = raw, ParsedAnswer = parsed,
        ScoresJson = """{"correct":1}""", Correct = true, DurationMs = 1, CreatedAt = DateTime.UtcNow,
    };

    private static List<List<string>> Read(string csv)
    {
        var reader = new DelimitedReader(new StringReader(csv), ',');
        var records = new List<List<string>>();
        while (reader.Read() is { } record)
            records.Add(record.Fields.ToList());
        return records;
    }
}
