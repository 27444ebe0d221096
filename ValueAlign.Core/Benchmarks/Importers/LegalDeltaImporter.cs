using System.Runtime.CompilerServices;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// LegalΔ (GRPO and SFT files): a JSON array of <c>{instruction, question, answer, id}</c> (+
/// <c>output</c> reasoning in SFT). The task type is the tag that opens the answer, e.g.
/// <c>[罪名]</c>; the stored answer is the text between the tag and <c>&lt;eoa&gt;</c>.
/// </summary>
public sealed class LegalDeltaImporter : IItemImporter
{
    public static readonly IReadOnlyDictionary<string, string> TaskTypes = new Dictionary<string, string>
    {
        ["罪名"] = "charge",
        ["法条"] = "law-article",
        ["刑期"] = "prison-term",
        ["金额"] = "amount",
        ["正确答案"] = "multiple-choice",
    };

    public string Format => "legaldelta";

    public bool Detects(FileSniff file) =>
        file.Extension == ".json" && file.HeadContains("\"instruction\"") && file.HeadContains("<eoa>");

    /// <summary>"[罪名]盗窃&lt;eoa&gt;" → ("charge", "盗窃"), or null when there is no known tag.</summary>
    public static (string Task, string Answer)? ParseAnswer(string answer)
    {
        if (!answer.StartsWith('[') || answer.IndexOf(']') is var close && close < 0)
        {
            return null;
        }
        if (!TaskTypes.TryGetValue(answer[1..close], out var task))
        {
            return null;
        }
        var body = answer[(close + 1)..];
        var end = body.IndexOf("<eoa>", StringComparison.Ordinal);
        return (task, (end >= 0 ? body[..end] : body).Trim());
    }

    public async IAsyncEnumerable<ParsedItem> ReadAsync(ImportContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The SFT and GRPO splits reuse some case ids (e.g. case_new_valid_big_11), so each split is its own benchmark.
        var benchmark = context.BenchmarkOr(
            context.FileName.StartsWith("SFT", StringComparison.OrdinalIgnoreCase) ? "legaldelta-sft" : "legaldelta");
        await foreach (var record in JsonRecords.ReadAsync(context, cancellationToken))
        {
            var id = record.String("id", required: true);
            var question = record.String("question", required: true);
            var answer = record.String("answer", required: true);
            var instruction = record.String("instruction");
            var output = record.String("output");
            var parsed = answer is null ? null : ParseAnswer(answer);
            if (answer is not null && parsed is null)
            {
                record.Error("answer", $"answer does not start with a known task tag ({string.Join(", ", TaskTypes.Keys.Select(k => $"[{k}]"))})");
            }
            if (record.Failed)
            {
                continue;
            }
            yield return new ParsedItem(new BenchmarkItem
            {
                Benchmark = benchmark,
                ExternalId = id!,
                Kind = ItemKind.LegalReasoning,
                Text = question!,
                Context = instruction,
                Answer = parsed!.Value.Answer,
                Category = parsed.Value.Task,
                Explanation = output,
                Language = "zh",
                Country = "China",
                Modality = Modality.Text,
                SourceFormat = Format,
                SourceRecord = record.Raw,
            }, record.Line, record.Record);
        }
    }
}
