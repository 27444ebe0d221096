using System.Globalization;
using System.Runtime.CompilerServices;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// MoVa / MAC-D eHRAF paragraphs: text in <c>vtext</c>, gold labels in the human-coded
/// <c>&lt;Dimension&gt; (HC)</c> columns over the seven Morality-as-Cooperation dimensions.
/// </summary>
public sealed class MovaImporter : IItemImporter
{
    public const string ValueSystemId = "morality-as-cooperation";
    public static readonly IReadOnlyList<string> Dimensions = ["Family", "Group", "Reciprocity", "Heroism", "Deference", "Fairness", "Property"];
    private static readonly string[] Columns = ["paragraph_id", "vtext", .. Dimensions.Select(d => d + " (HC)")];

    public string Format => "mova";

    public bool Detects(FileSniff file) =>
        file.Extension == ".csv" && file.FirstLine.Contains("paragraph_id", StringComparison.Ordinal) &&
        file.FirstLine.Contains("vtext", StringComparison.Ordinal) && file.FirstLine.Contains("Family (HC)", StringComparison.Ordinal);

    public async IAsyncEnumerable<ParsedItem> ReadAsync(ImportContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var row in DelimitedRows.Read(context, context.Path, ',', Columns))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var item = new BenchmarkItem
            {
                Benchmark = context.BenchmarkOr("mova-ehraf"),
                ExternalId = row["paragraph_id"],
                Kind = ItemKind.ValueLabelledText,
                Text = row["vtext"],
                Country = Blank(row.Get("culture_name")),
                Category = Blank(row.Get("culture_region")),
                Theme = Blank(row.Get("subsistence_strategy")),
                Language = "en",
                Modality = Modality.Text,
                SourceFormat = Format,
                SourceRecord = row.ToJson(),
            };
            var ok = item.ExternalId.Length > 0;
            if (!ok)
            {
                context.Error(row.Line, null, "paragraph_id", "paragraph id is empty");
            }
            foreach (var dimension in Dimensions)
            {
                var column = dimension + " (HC)";
                if (!double.TryParse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    context.Error(row.Line, null, column, $"expected a number, found '{row[column]}'");
                    ok = false;
                    continue;
                }
                item.Labels.Add(new ItemLabel { ValueSystemId = ValueSystemId, DimensionId = DimensionIds.Kebab(dimension), Value = value });
            }
            if (ok)
            {
                yield return new ParsedItem(item, row.Line, null);
            }
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
