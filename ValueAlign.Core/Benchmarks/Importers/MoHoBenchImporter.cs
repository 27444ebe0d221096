using System.Runtime.CompilerServices;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// MoHoBench unanswerable visual questions, as a JSON array or JSON lines: <c>question</c>,
/// <c>image</c> or <c>image_path</c>, <c>category</c> (one of the four types), <c>reason</c> (why it
/// cannot be answered) and optionally a generated <c>model_answer</c>, kept in the source record.
/// </summary>
public sealed class MoHoBenchImporter : IItemImporter
{
    public static readonly IReadOnlySet<string> Categories = new HashSet<string>(StringComparer.Ordinal)
    {
        "Context_Dependent", "False_Premises", "Subjective_or_Philosophical", "Vague_Description",
    };

    public string Format => "mohobench";

    public bool Detects(FileSniff file) =>
        file.Extension is ".json" or ".jsonl" && file.HeadContains("\"question\"") && file.HeadContains("\"category\"") &&
        (file.HeadContains("\"image\"") || file.HeadContains("\"image_path\"")) && Categories.Any(file.HeadContains);

    public async IAsyncEnumerable<ParsedItem> ReadAsync(ImportContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in JsonRecords.ReadAsync(context, cancellationToken))
        {
            var question = record.String("question", required: true);
            var image = record.Has("image") ? record.String("image") : record.String("image_path");
            if (image is null && !record.Has("image") && !record.Has("image_path"))
            {
                record.Error("image", "neither 'image' nor 'image_path' is given");
            }
            var category = record.String("category", required: true);
            if (category is not null && !Categories.Contains(category))
            {
                record.Error("category", $"'{category}' is not one of {string.Join(", ", Categories)}");
            }
            var reason = record.String("reason");
            var id = record.String("id");
            if (record.Failed)
            {
                continue;
            }
            yield return new ParsedItem(new BenchmarkItem
            {
                Benchmark = context.BenchmarkOr("mohobench"),
                ExternalId = id ?? StableIds.Of("mohobench", record.Raw),
                Kind = ItemKind.HonestyVisualQuestion,
                Text = question!,
                MediaJson = JsonOutput.List([image!]),
                Category = category,
                Explanation = reason,
                Language = record.String("language") ?? "en",
                Modality = Modality.Image,
                SourceFormat = Format,
                SourceRecord = record.Raw,
            }, record.Line, record.Record);
        }
    }
}
