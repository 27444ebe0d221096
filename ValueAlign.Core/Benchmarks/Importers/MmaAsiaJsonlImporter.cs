using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>MMA-ASIA items as JSON lines (schema in <c>docs/formats/mma-asia.md</c>).</summary>
public sealed class MmaAsiaJsonlImporter : IItemImporter
{
    public string Format => "mma-asia";

    public bool Detects(FileSniff file) =>
        file.Extension == ".jsonl" && file.JsonLineHas("id", "country", "language", "modality", "question") && !file.JsonLineHas("source_record");

    public async IAsyncEnumerable<ParsedItem> ReadAsync(ImportContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in JsonRecords.ReadAsync(context, cancellationToken))
        {
            // Read field by field so a wrong type names its field.
            var row = new MmaAsiaRow
            {
                Id = record.String("id"),
                AlignmentGroup = record.String("alignment_group"),
                Country = record.String("country"),
                Language = record.String("language"),
                Modality = record.String("modality"),
                Question = record.String("question"),
                Options = record.StringList("options")?.ToList(),
                Answer = record.String("answer"),
                Image = record.String("image"),
                Audio = record.String("audio"),
                KnowledgePoints = record.StringList("knowledge_points")?.ToList(),
                Explanation = record.String("explanation"),
                Theme = record.String("theme"),
            };
            if (record.Failed)
            {
                continue;
            }
            var item = row.ToItem(context.BenchmarkOr("mma-asia"), Format, record.Raw, record.Error);
            if (item is not null)
            {
                yield return new ParsedItem(item, record.Line, record.Record);
            }
        }
    }
}
