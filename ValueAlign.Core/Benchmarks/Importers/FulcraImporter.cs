using System.Runtime.CompilerServices;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// Value FULCRA JSON lines: <c>dialogue</c> with signed Schwartz <c>value_types</c>
/// (<c>"conformity: +1"</c>) and fine-grained <c>value_items</c>. Records have no id; the id is a
/// hash of the line.
/// </summary>
public sealed class FulcraImporter : IItemImporter
{
    public const string ValueSystemId = "schwartz-10";

    /// <summary>FULCRA also uses humility, which the 10-value model lacks; it belongs to the refined 19-value model.</summary>
    public const string RefinedValueSystemId = "schwartz-19";
    public const string ItemsValueSystemId = "fulcra-value-items";

    public static readonly IReadOnlySet<string> SchwartzTen = new HashSet<string>(StringComparer.Ordinal)
    {
        "self-direction", "stimulation", "hedonism", "achievement", "power",
        "security", "conformity", "tradition", "benevolence", "universalism",
    };

    public string Format => "fulcra";

    public bool Detects(FileSniff file) => file.Extension == ".jsonl" && file.JsonLineHas("dialogue", "value_types");

    public async IAsyncEnumerable<ParsedItem> ReadAsync(ImportContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in JsonRecords.ReadAsync(context, cancellationToken))
        {
            var dialogue = record.String("dialogue", required: true);
            var types = record.StringList("value_types", required: true);
            var items = record.StringList("value_items");
            var item = new BenchmarkItem
            {
                Benchmark = context.BenchmarkOr("value-fulcra"),
                ExternalId = record.String("id") ?? StableIds.Of("fulcra", record.Raw),
                Kind = ItemKind.ValueLabelledText,
                Text = dialogue ?? "",
                Category = record.String("response_source"),
                Theme = record.String("query_source"),
                Language = "en",
                Modality = Modality.Text,
                SourceFormat = Format,
                SourceRecord = record.Raw,
            };
            foreach (var entry in types ?? [])
            {
                if (Parse(record, "value_types", entry) is not { } parsed)
                {
                    continue;
                }
                var dimension = DimensionIds.Kebab(parsed.Name);
                var system = SchwartzTen.Contains(dimension) ? ValueSystemId
                    : dimension == "humility" ? RefinedValueSystemId
                    : null;
                if (system is null)
                {
                    record.Error("value_types", $"'{parsed.Name}' is not a Schwartz value");
                    continue;
                }
                item.Labels.Add(new ItemLabel { ValueSystemId = system, DimensionId = dimension, Value = parsed.Sign });
            }
            foreach (var entry in items ?? [])
            {
                if (Parse(record, "value_items", entry) is { } parsed)
                {
                    item.Labels.Add(new ItemLabel { ValueSystemId = ItemsValueSystemId, DimensionId = DimensionIds.Kebab(parsed.Name), Value = parsed.Sign });
                }
            }
            if (!record.Failed)
            {
                yield return new ParsedItem(item, record.Line, record.Record);
            }
        }
    }

    /// <summary>"name: +1" → (name, 1). The source also writes "1" and once "1+" for +1.</summary>
    private static (string Name, int Sign)? Parse(JsonRecord record, string field, string entry)
    {
        var colon = entry.LastIndexOf(':');
        if (colon <= 0)
        {
            record.Error(field, $"'{entry}' is not of the form 'name: sign'");
            return null;
        }
        var sign = entry[(colon + 1)..].Trim() switch
        {
            "+1" or "1" or "1+" => 1,
            "-1" or "1-" => -1,
            "0" => 0,
            _ => (int?)null,
        };
        if (sign is null)
        {
            record.Error(field, $"'{entry}' has no sign +1, 0 or -1");
            return null;
        }
        return (entry[..colon].Trim(), sign.Value);
    }
}
