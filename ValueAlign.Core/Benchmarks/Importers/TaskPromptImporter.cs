using System.Runtime.CompilerServices;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// Task prompts for the optimisers (<c>data/prompts/value-laden.jsonl</c>, or a file of one's own):
/// one object a line with <c>id</c> and <c>text</c>, and optionally <c>topic</c> (stored as the
/// category). Becomes a <see cref="ItemKind.TaskPrompt"/> item: a request with no gold answer.
/// </summary>
public sealed class TaskPromptImporter : IItemImporter
{
    public const string DefaultBenchmark = "valuealign-value-laden";

    public string Format => "valuealign-prompts";

    public bool Detects(FileSniff file) =>
        file.Extension == ".jsonl" && file.JsonLineHas("id", "text", "topic") && !file.JsonLineHas("outcomes") && !file.JsonLineHas("kind");

    public async IAsyncEnumerable<ParsedItem> ReadAsync(ImportContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in JsonRecords.ReadAsync(context, cancellationToken))
        {
            var id = record.String("id", required: true);
            var text = record.String("text", required: true);
            var topic = record.String("topic");
            if (record.Failed)
            {
                continue;
            }
            yield return new ParsedItem(new BenchmarkItem
            {
                Benchmark = context.BenchmarkOr(DefaultBenchmark),
                ExternalId = id!,
                Kind = ItemKind.TaskPrompt,
                Text = text!,
                Category = topic,
                Language = "en",
                Modality = Modality.Text,
                SourceFormat = Format,
                SourceRecord = record.Raw,
            }, record.Line, record.Record);
        }
    }
}
