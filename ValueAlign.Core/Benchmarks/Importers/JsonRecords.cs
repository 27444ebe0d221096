using System.Runtime.CompilerServices;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Csv;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// Streams JSON objects from a JSON-lines file (one object a line) or a JSON array; syntax errors,
/// invalid UTF-8 and non-object records are reported with line or record number.
/// </summary>
public static class JsonRecords
{
    public static async IAsyncEnumerable<JsonRecord> ReadAsync(
        ImportContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await StartsWithArrayAsync(context.Path, cancellationToken))
        {
            await foreach (var r in ReadArrayAsync(context, cancellationToken))
            {
                yield return r;
            }
        }
        else
        {
            foreach (var r in ReadLines(context))
            {
                yield return r;
            }
        }
    }

    public static IEnumerable<JsonRecord> ReadLines(ImportContext context)
    {
        using var stream = context.Open();
        using var reader = new StrictUtf8LineReader(stream, context.Limits.MaxLineBytes);
        while (!context.TooManyErrors)
        {
            string? line;
            try
            {
                line = reader.ReadLine();
            }
            catch (DelimitedFormatException e)
            {
                context.Error(e.Line, null, null, e.Message);
                continue;
            }
            if (line is null)
            {
                yield break;
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var number = reader.LinesRead;
            JsonElement element;
            try
            {
                // Not disposed: the element lives as long as the record; the GC reclaims the buffers.
                element = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException e)
            {
                context.Error(number, null, null, $"invalid JSON: {e.Message}");
                continue;
            }
            if (element.ValueKind != JsonValueKind.Object)
            {
                context.Error(number, null, null, $"expected a JSON object, found {element.ValueKind}");
                continue;
            }
            yield return new JsonRecord(context, element, line, number, null);
        }
    }

    private static async IAsyncEnumerable<JsonRecord> ReadArrayAsync(
        ImportContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = context.Open();
        var items = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, cancellationToken: cancellationToken);
        await using var enumerator = items.GetAsyncEnumerator(cancellationToken);
        var index = 0;
        while (true)
        {
            bool more;
            try
            {
                more = await enumerator.MoveNextAsync();
            }
            catch (JsonException e)
            {
                var line = e.LineNumber is { } l ? l + 1 : (long?)null;
                context.Error(line, line is null ? $"#{index + 1}" : null, null, $"invalid JSON after record #{index}: {e.Message}");
                yield break;
            }
            if (!more)
            {
                yield break;
            }
            index++;
            var element = enumerator.Current;
            if (element.ValueKind != JsonValueKind.Object)
            {
                context.Error(null, $"#{index}", null, $"expected a JSON object, found {element.ValueKind}");
                continue;
            }
            yield return new JsonRecord(context, element, element.GetRawText(), null, $"#{index}");
        }
    }

    private static async Task<bool> StartsWithArrayAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var buffer = new byte[4096];
        var n = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        var start = n >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
        for (var i = start; i < n; i++)
        {
            if (!char.IsWhiteSpace((char)buffer[i]))
            {
                return buffer[i] == (byte)'[';
            }
        }
        return false;
    }
}

/// <summary>
/// One JSON object being imported, with typed field accessors that report a missing field or a
/// wrong type as an error naming the field (and mark the record <see cref="Failed"/>).
/// </summary>
public sealed class JsonRecord(ImportContext context, JsonElement element, string raw, long? line, string? record)
{
    public JsonElement Element { get; } = element;

    /// <summary>The record's text exactly as it appeared in the file.</summary>
    public string Raw { get; } = raw;

    public long? Line { get; } = line;

    public string? Record { get; } = record;

    public bool Failed { get; private set; }

    public void Error(string? field, string message)
    {
        Failed = true;
        context.Error(Line, Record, field, message);
    }

    public bool Has(string name) => Element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public string? String(string name, bool required = false)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error(name, "required field is missing");
            }
            return null;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            var s = value.GetString()!;
            if (required && s.Length == 0)
            {
                Error(name, "required field is empty");
            }
            return s;
        }
        if (value.ValueKind == JsonValueKind.Number)
        {
            // Ids are sometimes numbers; their text is the id.
            return value.GetRawText();
        }
        Error(name, $"expected a string, found {value.ValueKind}");
        return null;
    }

    public IReadOnlyList<string>? StringList(string name, bool required = false)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error(name, "required field is missing");
            }
            return null;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(name, $"expected a list of strings, found {value.ValueKind}");
            return null;
        }
        var list = new List<string>();
        foreach (var entry in value.EnumerateArray())
        {
            if (entry.ValueKind is JsonValueKind.String)
            {
                list.Add(entry.GetString()!);
            }
            else if (entry.ValueKind is JsonValueKind.Number)
            {
                list.Add(entry.GetRawText());
            }
            else
            {
                Error(name, $"expected a list of strings, found an element of kind {entry.ValueKind}");
                return null;
            }
        }
        return list;
    }
}
