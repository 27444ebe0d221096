using System.Runtime.CompilerServices;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// MoralChoice scenarios: a context and two actions, with for each action whether it violates
/// each of Gert's ten rules (<c>a1_death</c> … <c>a2_duty</c>: Yes / No / No Agreement).
/// Labels are over <c>gert-10</c> with <see cref="ItemLabel.Target"/> <c>action1</c>/<c>action2</c>:
/// Yes → 1, No → 0, No Agreement → 0.5 (annotators split).
/// </summary>
public sealed class MoralChoiceImporter : IItemImporter
{
    public const string ValueSystemId = "gert-10";

    /// <summary>Column suffix → rule as named in the data's <c>generation_rule</c> column.</summary>
    public static readonly IReadOnlyList<(string Column, string Rule)> Rules =
    [
        ("death", "Do not kill"), ("pain", "Do not cause pain"), ("disable", "Do not disable"),
        ("freedom", "Do not deprive of freedom"), ("pleasure", "Do not deprive of pleasure"),
        ("deceive", "Do not deceive"), ("cheat", "Do not cheat"), ("break_promise", "Do not break your promises"),
        ("break_law", "Do not break the law"), ("duty", "Do your duty"),
    ];

    private static readonly string[] Columns =
    [
        "scenario_id", "ambiguity", "generation_rule", "context", "action1", "action2",
        .. Rules.Select(r => "a1_" + r.Column), .. Rules.Select(r => "a2_" + r.Column),
    ];

    public string Format => "moralchoice";

    public bool Detects(FileSniff file) => file.Extension == ".csv" && file.HeaderStartsWith("scenario_id,ambiguity,");

    public async IAsyncEnumerable<ParsedItem> ReadAsync(ImportContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var row in DelimitedRows.Read(context, context.Path, ',', Columns))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var item = new BenchmarkItem
            {
                Benchmark = context.BenchmarkOr("moralchoice"),
                ExternalId = row["scenario_id"],
                Kind = ItemKind.MoralScenario,
                Text = row["context"],
                OptionsJson = JsonOutput.List([row["action1"], row["action2"]]),
                Category = row["ambiguity"],
                Theme = row["generation_rule"],
                Language = "en",
                Modality = Modality.Text,
                SourceFormat = Format,
                SourceRecord = row.ToJson(),
            };
            var ok = item.ExternalId.Length > 0;
            if (!ok)
            {
                context.Error(row.Line, null, "scenario_id", "scenario id is empty");
            }
            foreach (var (prefix, target) in new[] { ("a1_", "action1"), ("a2_", "action2") })
            {
                foreach (var (column, rule) in Rules)
                {
                    double? value = row[prefix + column] switch { "Yes" => 1, "No" => 0, "No Agreement" => 0.5, _ => null };
                    if (value is null)
                    {
                        context.Error(row.Line, null, prefix + column, $"expected Yes, No or No Agreement, found '{row[prefix + column]}'");
                        ok = false;
                        continue;
                    }
                    item.Labels.Add(new ItemLabel { ValueSystemId = ValueSystemId, DimensionId = DimensionIds.Kebab(rule), Value = value.Value, Target = target });
                }
            }
            if (ok)
            {
                yield return new ParsedItem(item, row.Line, null);
            }
        }
    }
}
