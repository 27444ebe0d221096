using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parquet;
using Parquet.Serialization;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// Imports any CSV, TSV, JSON-lines or Parquet file through a <see cref="ColumnMapping"/> (usually
/// a saved preset). Never auto-detected: it needs a mapping.
/// </summary>
public sealed class GenericMappedImporter : IItemImporter
{
    public const string FormatName = "mapped";

    public string Format => FormatName;

    public bool Detects(FileSniff file) => false;

    /// <summary>A source row: where it is, a cell getter and its JSON form.</summary>
    private sealed record SourceRow(long? Line, string? Record, Func<string, string?> Cell, string Raw);

    public async IAsyncEnumerable<ParsedItem> ReadAsync(ImportContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (context.Mapping is not { } mapping)
        {
            context.Error(null, null, null, "the generic importer needs a column mapping (--preset NAME)");
            yield break;
        }
        var problems = mapping.Problems().ToList();
        foreach (var problem in problems)
        {
            context.Error(null, null, null, "mapping: " + problem);
        }
        if (problems.Count > 0)
        {
            yield break;
        }
        var format = string.IsNullOrWhiteSpace(mapping.Format) ? Path.GetExtension(context.Path).TrimStart('.').ToLowerInvariant() : mapping.Format.ToLowerInvariant();
        var rows = format switch
        {
            "csv" or "tsv" => Delimited(context, mapping, format == "tsv" ? '\t' : ','),
            "jsonl" or "json" => JsonLines(context),
            "parquet" => Parquet(context, cancellationToken),
            _ => null,
        };
        if (rows is null)
        {
            context.Error(null, null, null, $"the generic importer reads csv, tsv, jsonl or parquet, not '{format}'");
            yield break;
        }
        var index = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            index++;
            if (Map(context, mapping, row, index) is { } item)
            {
                yield return new ParsedItem(item, row.Line, row.Record);
            }
        }
    }

    private static BenchmarkItem? Map(ImportContext context, ColumnMapping mapping, SourceRow row, int index)
    {
        var ok = true;
        string? Field(string target)
        {
            if (mapping.Columns.TryGetValue(target, out var column))
            {
                var value = row.Cell(column);
                return string.IsNullOrEmpty(value) ? null : value;
            }
            return mapping.Constants.GetValueOrDefault(target);
        }
        string? ListField(string target)
        {
            var value = Field(target);
            if (value is null)
            {
                return null;
            }
            if (value.StartsWith('['))
            {
                try
                {
                    return JsonOutput.List(JsonSerializer.Deserialize<List<string>>(value));
                }
                catch (JsonException)
                {
                    context.Error(row.Line, row.Record, mapping.Columns.GetValueOrDefault(target, target), "expected a JSON list of strings");
                    ok = false;
                    return null;
                }
            }
            return JsonOutput.List(value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }

        var text = Field("text");
        if (text is null)
        {
            context.Error(row.Line, row.Record, mapping.Columns["text"], "text is empty");
            ok = false;
        }
        var modality = Modality.Text;
        if (Field("modality") is { } m && (!Enum.TryParse(m, ignoreCase: true, out modality) || int.TryParse(m, out _)))
        {
            context.Error(row.Line, row.Record, mapping.Columns.GetValueOrDefault("modality", "modality"), $"'{m}' is not one of text, image, audio");
            ok = false;
        }
        var item = new BenchmarkItem
        {
            Benchmark = context.BenchmarkOr(mapping.Benchmark),
            ExternalId = Field("external_id") ?? StableIds.Of(DimensionIds.Kebab(mapping.Benchmark), row.Raw),
            Kind = mapping.Kind,
            Text = text ?? "",
            Context = Field("context"),
            OptionsJson = ListField("options"),
            Answer = Field("answer"),
            Language = Field("language"),
            Country = Field("country"),
            Modality = modality,
            MediaJson = ListField("media"),
            Category = Field("category"),
            Explanation = Field("explanation"),
            KnowledgePointsJson = ListField("knowledge_points"),
            Theme = Field("theme"),
            AlignmentGroup = Field("alignment_group"),
            SourceFormat = FormatName,
            SourceRecord = row.Raw,
        };
        foreach (var label in mapping.Labels)
        {
            var cell = row.Cell(label.Column);
            if (string.IsNullOrEmpty(cell))
            {
                continue;
            }
            if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                context.Error(row.Line, row.Record, label.Column, $"expected a number, found '{cell}'");
                ok = false;
                continue;
            }
            item.Labels.Add(new ItemLabel { ValueSystemId = label.ValueSystemId, DimensionId = label.DimensionId, Value = value });
        }
        return ok ? item : null;
    }

    private static async IAsyncEnumerable<SourceRow> Delimited(ImportContext context, ColumnMapping mapping, char delimiter)
    {
        await Task.CompletedTask;
        foreach (var row in DelimitedRows.Read(context, context.Path, delimiter, mapping.SourceColumns().ToList()))
        {
            yield return new SourceRow(row.Line, null, row.Get, row.ToJson());
        }
    }

    private static async IAsyncEnumerable<SourceRow> JsonLines(ImportContext context)
    {
        await Task.CompletedTask;
        foreach (var record in JsonRecords.ReadLines(context))
        {
            var element = record.Element;
            yield return new SourceRow(record.Line, record.Record, column => CellText(element, column), record.Raw);
        }
    }

    private static string? CellText(JsonElement element, string column)
    {
        if (!element.TryGetProperty(column, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }

    private static async IAsyncEnumerable<SourceRow> Parquet(ImportContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = context.Open();
        int groups;
        await using (var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken))
        {
            groups = reader.RowGroupCount;
            if (!ParquetRowGroupLimit.Check(reader, context))
            {
                yield break;
            }
        }
        var index = 0;
        for (var group = 0; group < groups; group++)
        {
            stream.Position = 0;
            var result = await ParquetSerializer.DeserializeUntypedAsync(stream, rowGroupIndex: group, cancellationToken: cancellationToken);
            foreach (var row in result.Data)
            {
                index++;
                var json = new JsonObject();
                var plain = row.ToDictionary(p => p.Key, p => Plain(p.Value));
                foreach (var (key, value) in plain)
                {
                    json[key] = JsonSerializer.SerializeToNode(value);
                }
                var raw = json.ToJsonString(JsonOutput.Compact);
                yield return new SourceRow(null, $"#{index}", column => plain.TryGetValue(column, out var v) ? CellText(v) : null, raw);
            }
        }
    }

    /// <summary>Untyped Parquet values hold strings as <see cref="ReadOnlyMemory{T}"/> inside lists; make them plain.</summary>
    private static object? Plain(object? value) => value switch
    {
        null => null,
        string s => s,
        ReadOnlyMemory<char> m => m.ToString(),
        System.Collections.IDictionary d => d.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => Plain(d[k])),
        System.Collections.IEnumerable e when value is not byte[] => e.Cast<object?>().Select(Plain).ToList(),
        _ => value,
    };

    private static string? CellText(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f when value is not System.Collections.IEnumerable => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value, JsonOutput.Compact),
    };
}
