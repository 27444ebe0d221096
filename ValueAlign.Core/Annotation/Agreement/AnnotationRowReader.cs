using ValueAlign.Core.Benchmarks.Csv;
using System.Text.Json;

namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>
/// Reads (item, annotator, question, label) rows from CSV (header naming the four columns, in any
/// order; other columns are ignored) or JSON Lines (one object a line with those four fields, as
/// strings or numbers). A blank or null label is missing data and yields no row. Every problem is an
/// <see cref="AnnotationFileException"/> naming the line; an annotator labelling the same item twice
/// for one question names both lines.
/// </summary>
public static class AnnotationRowReader
{
    private static readonly string[] Columns = ["item", "annotator", "question", "label"];

    /// <summary>Reads a file; JSON Lines when it ends in .jsonl/.ndjson, CSV when it ends in .csv, else by its first character.</summary>
    public static List<AnnotationRow> ReadFile(string path)
    {
        var name = Path.GetFileName(path);
        var jsonLines = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" => true,
            ".csv" => false,
            _ => StartsWithJsonObject(path),
        };
        using var reader = new StreamReader(path);
        return jsonLines ? ReadJsonLines(reader, name) : ReadCsv(reader, name);
    }

    public static List<AnnotationRow> ReadCsv(TextReader reader, string source)
    {
        var csv = new DelimitedReader(reader, ',', strict: true);
        DelimitedRecord? Next()
        {
            try
            {
                return csv.Read();
            }
            catch (DelimitedFormatException e)
            {
                throw new AnnotationFileException(source, (int)e.Line, e.Message);
            }
        }
        var header = Next() ?? throw new AnnotationFileException(source, 1, "the file is empty; expected a header item,annotator,question,label");
        var position = new int[Columns.Length];
        for (var c = 0; c < Columns.Length; c++)
        {
            position[c] = header.Fields.ToList().FindIndex(f => string.Equals(f.Trim(), Columns[c], StringComparison.OrdinalIgnoreCase));
            if (position[c] < 0)
            {
                throw new AnnotationFileException(source, (int)header.Line,
                    $"the header has no '{Columns[c]}' column; expected item,annotator,question,label (found {string.Join(",", header.Fields)})");
            }
        }
        var rows = new List<AnnotationRow>();
        var duplicates = new DuplicateCheck(source);
        while (Next() is { } record)
        {
            if (record.Fields is [""])
            {
                continue; // a blank line
            }
            if (record.Fields.Count != header.Fields.Count)
            {
                throw new AnnotationFileException(source, (int)record.Line,
                    $"expected {header.Fields.Count} fields as in the header, found {record.Fields.Count}");
            }
            var values = position.Select(p => record.Fields[p]).ToArray();
            for (var c = 0; c < 3; c++)
            {
                if (string.IsNullOrWhiteSpace(values[c]))
                {
                    throw new AnnotationFileException(source, (int)record.Line, $"field '{Columns[c]}' is empty");
                }
            }
            Add(rows, duplicates, new AnnotationRow(values[0], values[1], values[2], values[3]), (int)record.Line);
        }
        return rows;
    }

    public static List<AnnotationRow> ReadJsonLines(TextReader reader, string source)
    {
        var rows = new List<AnnotationRow>();
        var duplicates = new DuplicateCheck(source);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new AnnotationFileException(source, lineNumber, $"not valid JSON ({e.Message})");
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new AnnotationFileException(source, lineNumber, "expected a JSON object {\"item\":..,\"annotator\":..,\"question\":..,\"label\":..}");
                }
                var values = new string[Columns.Length];
                for (var c = 0; c < Columns.Length; c++)
                {
                    values[c] = Field(document.RootElement, Columns[c], required: c < 3, source, lineNumber);
                }
                Add(rows, duplicates, new AnnotationRow(values[0], values[1], values[2], values[3]), lineNumber);
            }
        }
        return rows;
    }

    private static string Field(JsonElement row, string name, bool required, string source, int line)
    {
        if (!row.TryGetProperty(name, out var value))
        {
            if (required)
            {
                throw new AnnotationFileException(source, line, $"field '{name}' is missing");
            }
            return "";
        }
        return value.ValueKind switch
        {
            JsonValueKind.String when required && string.IsNullOrWhiteSpace(value.GetString()) =>
                throw new AnnotationFileException(source, line, $"field '{name}' is empty"),
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Null when !required => "",
            _ => throw new AnnotationFileException(source, line, $"field '{name}' must be a string or a number, not {value.ValueKind.ToString().ToLowerInvariant()}"),
        };
    }

    private static void Add(List<AnnotationRow> rows, DuplicateCheck duplicates, AnnotationRow row, int line)
    {
        if (row.Label.Length == 0)
        {
            return;
        }
        duplicates.Check(row, line);
        rows.Add(row);
    }

    // A separate read, so that the real reader starts at line 1 and its line numbers stay right.
    private static bool StartsWithJsonObject(string path)
    {
        using var reader = new StreamReader(path);
        int ch;
        while ((ch = reader.Read()) >= 0 && char.IsWhiteSpace((char)ch))
        {
        }
        return ch == '{';
    }

    private sealed class DuplicateCheck(string source)
    {
        private readonly Dictionary<(string, string, string), int> _firstLine = [];

        public void Check(AnnotationRow row, int line)
        {
            if (!_firstLine.TryAdd((row.Item, row.Annotator, row.Question), line))
            {
                throw new AnnotationFileException(source, line,
                    $"annotator '{row.Annotator}' already labelled item '{row.Item}' for question '{row.Question}' on line {_firstLine[(row.Item, row.Annotator, row.Question)]}");
            }
        }
    }
}
