using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// Touché23-ValueEval: an arguments TSV (<c>Argument ID, Conclusion, Stance, Premise</c>) joined on
/// <c>Argument ID</c> with the labels TSV beside it (same name with <c>labels</c> for
/// <c>arguments</c>) holding 0/1 for the 20 value categories. Either file may be given.
/// </summary>
public sealed class ToucheImporter : IItemImporter
{
    public const string ValueSystemId = "touche23-20";
    private const string IdColumn = "Argument ID";
    private static readonly string[] ArgumentColumns = [IdColumn, "Conclusion", "Stance", "Premise"];

    public static readonly IReadOnlyList<string> Categories =
    [
        "Self-direction: thought", "Self-direction: action", "Stimulation", "Hedonism", "Achievement",
        "Power: dominance", "Power: resources", "Face", "Security: personal", "Security: societal",
        "Tradition", "Conformity: rules", "Conformity: interpersonal", "Humility", "Benevolence: caring",
        "Benevolence: dependability", "Universalism: concern", "Universalism: nature",
        "Universalism: tolerance", "Universalism: objectivity",
    ];

    public string Format => "touche23";

    public bool Detects(FileSniff file) =>
        file.Extension == ".tsv" &&
        (file.HeaderStartsWith("Argument ID\tConclusion\tStance\tPremise") || file.HeaderStartsWith("Argument ID\tSelf-direction: thought"));

    public async IAsyncEnumerable<ParsedItem> ReadAsync(ImportContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        var name = Path.GetFileName(context.Path);
        var folder = Path.GetDirectoryName(context.Path)!;
        var isLabels = name.StartsWith("labels", StringComparison.OrdinalIgnoreCase);
        var argumentsPath = isLabels ? Path.Combine(folder, "arguments" + name["labels".Length..]) : context.Path;
        var labelsPath = isLabels ? context.Path : Path.Combine(folder, name.Replace("arguments", "labels", StringComparison.OrdinalIgnoreCase));
        if (!File.Exists(argumentsPath))
        {
            context.Error(null, null, null, $"the arguments file {Path.GetFileName(argumentsPath)} that goes with these labels was not found");
            yield break;
        }

        var labels = File.Exists(labelsPath) && labelsPath != argumentsPath ? ReadLabels(context, labelsPath) : null;
        if (labels is null && isLabels)
        {
            yield break;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var argumentsFile = Path.GetFileName(argumentsPath);
        foreach (var row in DelimitedRows.Read(context, argumentsPath, '\t', ArgumentColumns, quoting: false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = row[IdColumn];
            var source = JsonNode.Parse(row.ToJson())!.AsObject();
            var item = new BenchmarkItem
            {
                Benchmark = context.BenchmarkOr("touche23-valueeval"),
                ExternalId = id,
                Kind = ItemKind.ValueLabelledText,
                Text = row["Premise"],
                Context = row["Conclusion"],
                Category = row["Stance"],
                Language = "en",
                Modality = Modality.Text,
                SourceFormat = Format,
            };
            if (id.Length == 0)
            {
                context.Error(row.Line, null, IdColumn, "argument id is empty", argumentsFile);
                continue;
            }
            seen.Add(id);
            if (labels is not null)
            {
                if (!labels.TryGetValue(id, out var values))
                {
                    context.Error(row.Line, null, IdColumn, $"argument {id} has no row in {Path.GetFileName(labelsPath)}", argumentsFile);
                    continue;
                }
                for (var i = 0; i < Categories.Count; i++)
                {
                    source[Categories[i]] = values[i].ToString(CultureInfo.InvariantCulture);
                    item.Labels.Add(new ItemLabel { ValueSystemId = ValueSystemId, DimensionId = DimensionIds.Kebab(Categories[i]), Value = values[i] });
                }
            }
            item.SourceRecord = source.ToJsonString(JsonOutput.Compact);
            yield return new ParsedItem(item, row.Line, null);
        }
        if (labels is not null)
        {
            foreach (var missing in labels.Keys.Where(k => !seen.Contains(k)).Take(10))
            {
                context.Error(null, missing, IdColumn, $"labels row for {missing} has no argument in {argumentsFile}", Path.GetFileName(labelsPath));
            }
        }
    }

    private static Dictionary<string, int[]> ReadLabels(ImportContext context, string path)
    {
        var file = Path.GetFileName(path);
        var result = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var row in DelimitedRows.Read(context, path, '\t', [IdColumn, .. Categories], quoting: false))
        {
            var values = new int[Categories.Count];
            var ok = true;
            for (var i = 0; i < Categories.Count; i++)
            {
                var cell = row[Categories[i]];
                if (cell is "0" or "1")
                {
                    values[i] = cell[0] - '0';
                }
                else
                {
                    context.Error(row.Line, null, Categories[i], $"expected 0 or 1, found '{cell}'", file);
                    ok = false;
                }
            }
            if (ok && !result.TryAdd(row[IdColumn], values))
            {
                context.Error(row.Line, null, IdColumn, $"argument id {row[IdColumn]} appears twice", file);
            }
        }
        return result;
    }
}
