using System.Runtime.CompilerServices;
using System.Text.Json;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Methods.Dilemmas;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// The team's moral dilemmas (<c>data/dilemmas/dilemmas.jsonl</c>): one dilemma a line with
/// <c>id</c>, <c>theme</c>, <c>title</c>, <c>text</c> and exactly five <c>outcomes</c>, each
/// <c>{"framework", "text"}</c>, one per framework of <see cref="MoralFrameworks"/>. Becomes a
/// <see cref="ItemKind.MoralDilemma"/> item whose options are the outcome texts in file order and
/// whose labels say which framework each outcome stands for. A bad line is reported with its line
/// number and field and skipped.
/// </summary>
public sealed class DilemmaImporter : IItemImporter
{
    public const string DefaultBenchmark = "valuealign-dilemmas";

    public string Format => "valuealign-dilemmas";

    public bool Detects(FileSniff file) => file.Extension == ".jsonl" && file.JsonLineHas("outcomes", "theme", "framework");

    public async IAsyncEnumerable<ParsedItem> ReadAsync(ImportContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in JsonRecords.ReadAsync(context, cancellationToken))
        {
            var id = record.String("id", required: true);
            var theme = record.String("theme", required: true);
            var title = record.String("title");
            var text = record.String("text", required: true);
            var outcomes = Outcomes(record);
            if (record.Failed || outcomes is null)
            {
                continue;
            }
            var item = new BenchmarkItem
            {
                Benchmark = context.BenchmarkOr(DefaultBenchmark),
                ExternalId = id!,
                Kind = ItemKind.MoralDilemma,
                Text = text!,
                Category = title,
                Theme = theme,
                OptionsJson = JsonOutput.List(outcomes.Select(o => o.Text).ToList()),
                Language = "en",
                Modality = Modality.Text,
                SourceFormat = Format,
                SourceRecord = record.Raw,
            };
            for (var i = 0; i < outcomes.Count; i++)
            {
                item.Labels.Add(new ItemLabel { ValueSystemId = MoralFrameworks.ValueSystemId, DimensionId = outcomes[i].Framework, Value = 1, Target = MoralFrameworks.Target(i) });
            }
            yield return new ParsedItem(item, record.Line, record.Record);
        }
    }

    private static List<(string Framework, string Text)>? Outcomes(JsonRecord record)
    {
        if (!record.Element.TryGetProperty("outcomes", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            record.Error("outcomes", "required array of five outcomes is missing");
            return null;
        }
        if (array.GetArrayLength() != MoralFrameworks.All.Count)
        {
            record.Error("outcomes", $"expected {MoralFrameworks.All.Count} outcomes (one per framework), found {array.GetArrayLength()}");
            return null;
        }
        var outcomes = new List<(string, string)>();
        var i = 0;
        foreach (var outcome in array.EnumerateArray())
        {
            var field = $"outcomes[{i++}]";
            var framework = outcome.ValueKind == JsonValueKind.Object && outcome.TryGetProperty("framework", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : null;
            var text = outcome.ValueKind == JsonValueKind.Object && outcome.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()!.Trim() : null;
            if (framework is null || !MoralFrameworks.All.Contains(framework, StringComparer.Ordinal))
            {
                record.Error(field + ".framework", $"expected one of {string.Join(", ", MoralFrameworks.All)}, found {(framework is null ? "nothing" : $"'{framework}'")}");
                return null;
            }
            if (string.IsNullOrEmpty(text))
            {
                record.Error(field + ".text", "outcome text is missing or empty");
                return null;
            }
            if (outcomes.Any(o => o.Item1 == framework))
            {
                record.Error(field + ".framework", $"framework '{framework}' appears twice; each outcome stands for a different framework");
                return null;
            }
            outcomes.Add((framework, text));
        }
        return outcomes;
    }
}
