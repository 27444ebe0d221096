using System.Text.Json;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.LongContext;

/// <summary>
/// Reads the structure of a <see cref="ItemKind.LongContextQa"/> item (passages, supporting facts,
/// gold answers and aliases) from its verbatim source record, with the same parser its importer
/// used, so nothing of the source layout needs its own columns. Items from other formats (the
/// library's own JSON lines written by hand, a generic mapping) fall back to their fields: the
/// context split at blank lines into passages, the answer as the only gold answer.
/// </summary>
public static class LongContextQaReader
{
    public static LongContextQa Read(BenchmarkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var parse = ParserFor(item.SourceFormat);
        if (parse is not null)
        {
            using var document = JsonDocument.Parse(item.SourceRecord);
            var problems = new List<string>();
            var record = parse(document.RootElement, (field, message) => problems.Add($"{field}: {message}"));
            return record?.Qa ?? throw new FormatException(
                $"Item {item.Benchmark}/{item.ExternalId}: its {item.SourceFormat} source record is not readable ({string.Join("; ", problems)}).");
        }
        var passages = (item.Context ?? "")
            .Split(["\n\n", "\r\n\r\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => new LongContextPassage(null, SentenceSplitter.Split(p)))
            .ToList();
        var gold = string.IsNullOrWhiteSpace(item.Answer) ? [] : new[] { item.Answer! };
        return new LongContextQa(item.Text, passages, gold, HasSupportingFacts: false);
    }

    private static Func<JsonElement, FieldError, LongContextRecord?>? ParserFor(string format) => format switch
    {
        HotpotQaFormat.Name => HotpotQaFormat.Parse,
        LongBenchFormat.Name => LongBenchFormat.Parse,
        MusiqueFormat.Name => MusiqueFormat.Parse,
        _ => null,
    };
}
