using System.Runtime.CompilerServices;
using ValueAlign.Core.Benchmarks.LongContext;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// What the three long-context QA importers share: each record is parsed by its format's parser
/// (errors named by field, with the record's line or number) and becomes a
/// <see cref="ItemKind.LongContextQa"/> item whose context is the passages as text; the source
/// record is kept verbatim, and <see cref="LongContextQaReader"/> reads the structure back from it.
/// </summary>
internal static class LongContextImport
{
    public static async IAsyncEnumerable<ParsedItem> ReadAsync(
        ImportContext context, string format, string benchmark, Func<System.Text.Json.JsonElement, FieldError, LongContextRecord?> parse,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in JsonRecords.ReadAsync(context, cancellationToken))
        {
            var parsed = parse(record.Element, record.Error);
            if (parsed is null || record.Failed)
            {
                continue;
            }
            yield return new ParsedItem(new BenchmarkItem
            {
                Benchmark = context.BenchmarkOr(benchmark),
                ExternalId = parsed.Id,
                Kind = ItemKind.LongContextQa,
                Text = parsed.Qa.Question,
                Context = parsed.Qa.ContextText,
                Answer = parsed.Qa.GoldAnswers.FirstOrDefault(),
                OptionsJson = null,
                Category = parsed.Category,
                Explanation = parsed.Explanation,
                Language = parsed.Language,
                Modality = Modality.Text,
                SourceFormat = format,
                SourceRecord = record.Raw,
            }, record.Line, record.Record);
        }
    }
}
