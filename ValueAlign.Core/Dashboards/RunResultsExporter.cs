using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Export;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Dashboards;

/// <summary>
/// A run's item results as CSV (one column per score name, cells neutralised against spreadsheet
/// formulas) or as a JSON array (scores as an object), with each item's benchmark and external id.
/// Both stream from the database to the output, so a run of any size exports in bounded memory.
/// </summary>
public sealed class RunResultsExporter(IDbContextFactory<ValueAlignDbContext> factory)
{
    private static readonly string[] FixedColumns =
        ["run_id", "item_id", "benchmark", "external_id", "unit_key", "parsed_answer", "correct", "error", "duration_ms", "from_cache", "prompt", "raw_output"];

    private sealed record Row(
        long RunId, long ItemId, string? Benchmark, string? ExternalId, string UnitKey, string? ParsedAnswer, bool? Correct,
        string? Error, double DurationMs, bool FromCache, string Prompt, string RawOutput, string ScoresJson);

    public async Task<bool> RunExistsAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.EvalRuns.AnyAsync(r => r.Id == runId, cancellationToken);
    }

    /// <summary>
    /// Streams the CSV: a first pass reads only the scores column for the header's score names,
    /// a second streams the rows into <paramref name="output"/>; no more than one row is held.
    /// </summary>
    public async Task WriteCsvAsync(long runId, Stream output, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenRunAsync(runId, cancellationToken);
        var scoreNames = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var scoresJson in db.EvalItemResults.AsNoTracking().Where(r => r.RunId == runId).Select(r => r.ScoresJson)
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            scoreNames.UnionWith(ParseScores(scoresJson).Keys);
        }
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await writer.WriteAsync(Line(FixedColumns.Concat(scoreNames.Select(n => "score_" + n))));
        await foreach (var r in Rows(db, runId).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var scores = ParseScores(r.ScoresJson);
            var cells = new[]
            {
                Invariant(r.RunId), Invariant(r.ItemId), r.Benchmark, r.ExternalId, r.UnitKey, r.ParsedAnswer,
                r.Correct is { } c ? (c ? "true" : "false") : "", r.Error, Invariant(r.DurationMs), r.FromCache ? "true" : "false", r.Prompt, r.RawOutput,
            }.Concat(scoreNames.Select(n => scores.TryGetValue(n, out var v) ? v : ""));
            await writer.WriteAsync(Line(cells));
        }
    }

    /// <summary>Streams the JSON array row by row, flushing every 64 KB.</summary>
    public async Task WriteJsonAsync(long runId, Stream output, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenRunAsync(runId, cancellationToken);
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        await foreach (var r in Rows(db, runId).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            json.WriteNumber("runId", r.RunId);
            json.WriteNumber("itemId", r.ItemId);
            json.WriteString("benchmark", r.Benchmark);
            json.WriteString("externalId", r.ExternalId);
            json.WriteString("unitKey", r.UnitKey);
            json.WriteString("prompt", r.Prompt);
            json.WriteString("rawOutput", r.RawOutput);
            json.WriteString("parsedAnswer", r.ParsedAnswer);
            if (r.Correct is { } correct)
                json.WriteBoolean("correct", correct);
            else
                json.WriteNull("correct");
            json.WritePropertyName("scores");
            WriteScores(json, r.ScoresJson);
            json.WriteString("error", r.Error);
            json.WriteNumber("durationMs", r.DurationMs);
            json.WriteBoolean("fromCache", r.FromCache);
            json.WriteEndObject();
            if (json.BytesPending > 1 << 16)
                await json.FlushAsync(cancellationToken);
        }
        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }

    private async Task<ValueAlignDbContext> OpenRunAsync(long runId, CancellationToken cancellationToken)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.EvalRuns.AnyAsync(r => r.Id == runId, cancellationToken))
        {
            await db.DisposeAsync();
            throw new DashboardException($"Run {runId} does not exist.");
        }
        return db;
    }

    private static IQueryable<Row> Rows(ValueAlignDbContext db, long runId) =>
        from r in db.EvalItemResults.AsNoTracking()
        where r.RunId == runId
        join i in db.BenchmarkItems on r.ItemId equals i.Id into items
        from i in items.DefaultIfEmpty()
        orderby r.ItemId, r.UnitKey
        select new Row(r.RunId, r.ItemId, i == null ? null : i.Benchmark, i == null ? null : i.ExternalId, r.UnitKey, r.ParsedAnswer,
            r.Correct, r.Error, r.DurationMs, r.FromCache, r.Prompt, r.RawOutput, r.ScoresJson);

    /// <summary>Score values as invariant text; a malformed scores column yields no scores rather than a failed export.</summary>
    private static Dictionary<string, string> ParseScores(string scoresJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(scoresJson);
            return doc.RootElement.ValueKind != JsonValueKind.Object
                ? []
                : doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText());
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static void WriteScores(Utf8JsonWriter json, string scoresJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(scoresJson);
            doc.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStartObject();
            json.WriteEndObject();
        }
    }

    private const NumberStyles PlainNumber = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private static string Line(IEnumerable<string?> cells)
    {
        var line = new StringBuilder();
        foreach (var cell in cells)
        {
            if (line.Length > 0)
                line.Append(',');
            // A plain number such as -1.25 is data, not a formula: it stays a number for spreadsheets.
            // No white space around it: "\n42" (a model's raw output) is text, quoted like any line break.
            if (cell is { Length: > 0 } && double.TryParse(cell, PlainNumber, CultureInfo.InvariantCulture, out _) && char.IsAsciiDigit(cell[^1]))
                line.Append(cell);
            else
                CsvCells.Append(line, cell);
        }
        return line.Append("\r\n").ToString();
    }

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
