using System.Text.Json;
using System.Text.Json.Nodes;
using ValueAlign.Core.Benchmarks.Csv;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>A data row of a delimited file, by column name, with its line and its JSON form.</summary>
public sealed class DelimitedRow(long line, IReadOnlyList<string> header, IReadOnlyList<string> fields)
{
    public long Line { get; } = line;

    public string this[string column] => fields[IndexOf(column)];

    public bool Has(string column) => IndexOfOrNull(column) is not null;

    public string? Get(string column) => IndexOfOrNull(column) is { } i ? fields[i] : null;

    /// <summary>The row as a JSON object of column → text in file order: the verbatim source record.</summary>
    public string ToJson()
    {
        var json = new JsonObject();
        for (var i = 0; i < header.Count; i++)
        {
            // Duplicate or empty header names (MoVa's index column is "") must not lose a cell.
            var name = header[i];
            while (json.ContainsKey(name))
            {
                name += "_";
            }
            json[name] = fields[i];
        }
        return json.ToJsonString(JsonOutput.Compact);
    }

    private int IndexOf(string column) =>
        IndexOfOrNull(column) ?? throw new KeyNotFoundException($"column '{column}' is missing");

    private int? IndexOfOrNull(string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] == column)
            {
                return i;
            }
        }
        return null;
    }
}

/// <summary>
/// Reads a CSV/TSV file with a header row into <see cref="DelimitedRow"/>s, reporting a missing
/// required column, a row with the wrong number of cells, invalid UTF-8 and an unclosed quote as
/// errors with file, line and field.
/// </summary>
public static class DelimitedRows
{
    public static IEnumerable<DelimitedRow> Read(
        ImportContext context, string path, char delimiter, IReadOnlyCollection<string> requiredColumns, bool quoting = true)
    {
        var file = Path.GetFileName(path);
        using var stream = context.Open(path);
        using var text = new StrictUtf8LineReader(stream, context.Limits.MaxLineBytes);
        var reader = new DelimitedReader(text, delimiter, quoting);
        IReadOnlyList<string>? header = null;
        while (true)
        {
            DelimitedRecord? record;
            try
            {
                record = reader.Read();
            }
            catch (DelimitedFormatException e)
            {
                context.Error(e.Line, null, null, e.Message, file);
                yield break;
            }
            if (record is null)
            {
                if (header is null)
                {
                    context.Error(1, null, null, "the file is empty (no header row)", file);
                }
                yield break;
            }
            if (header is null)
            {
                header = record.Fields;
                var missing = requiredColumns.Where(c => !header.Contains(c)).ToList();
                foreach (var column in missing)
                {
                    context.Error(record.Line, null, column, "required column is missing from the header", file);
                }
                if (missing.Count > 0)
                {
                    yield break;
                }
                continue;
            }
            if (record.Fields.Count == 1 && record.Fields[0].Length == 0)
            {
                continue; // a blank line
            }
            if (record.Fields.Count != header.Count)
            {
                context.Error(record.Line, null, null, $"expected {header.Count} cells as in the header, found {record.Fields.Count}", file);
                if (context.TooManyErrors)
                {
                    yield break;
                }
                continue;
            }
            yield return new DelimitedRow(record.Line, header, record.Fields);
        }
    }
}
