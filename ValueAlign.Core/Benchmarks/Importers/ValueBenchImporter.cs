using System.Runtime.CompilerServices;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// ValueBench <c>value_orientation.csv</c>: one questionnaire item a row with the value it
/// measures and its keying (<c>agreement</c> 1, or −1 when reverse-keyed). PVQ items map onto
/// <c>schwartz-10</c>; other inventories get a value system of their own, <c>valuebench-&lt;code&gt;</c>.
/// </summary>
public sealed class ValueBenchImporter : IItemImporter
{
    private static readonly string[] Columns = ["questionnaire", "item", "value", "agreement"];

    public string Format => "valuebench";

    public bool Detects(FileSniff file) => file.Extension == ".csv" && file.HeaderStartsWith("questionnaire,item,value,agreement");

    public static string ValueSystemFor(string questionnaire) =>
        questionnaire.StartsWith("PVQ", StringComparison.OrdinalIgnoreCase) ? FulcraImporter.ValueSystemId : "valuebench-" + DimensionIds.Kebab(questionnaire);

    public async IAsyncEnumerable<ParsedItem> ReadAsync(ImportContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var row in DelimitedRows.Read(context, context.Path, ',', Columns))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var questionnaire = row["questionnaire"];
            var text = row["item"];
            var agreement = row["agreement"] switch { "1" or "+1" => 1, "-1" => -1, _ => 0 };
            if (agreement == 0)
            {
                context.Error(row.Line, null, "agreement", $"expected 1 or -1, found '{row["agreement"]}'");
                continue;
            }
            if (questionnaire.Length == 0 || text.Length == 0 || row["value"].Length == 0)
            {
                context.Error(row.Line, null, questionnaire.Length == 0 ? "questionnaire" : text.Length == 0 ? "item" : "value", "required cell is empty");
                continue;
            }
            var item = new BenchmarkItem
            {
                Benchmark = context.BenchmarkOr("valuebench"),
                ExternalId = StableIds.Of(questionnaire, text),
                Kind = ItemKind.QuestionnaireItem,
                Text = text,
                Context = row.Get("question"),
                Category = questionnaire,
                Theme = row["value"],
                Language = "en",
                Modality = Modality.Text,
                SourceFormat = Format,
                SourceRecord = row.ToJson(),
            };
            item.Labels.Add(new ItemLabel
            {
                ValueSystemId = ValueSystemFor(questionnaire),
                DimensionId = DimensionIds.Kebab(row["value"]),
                Value = agreement,
            });
            yield return new ParsedItem(item, row.Line, null);
        }
    }
}
