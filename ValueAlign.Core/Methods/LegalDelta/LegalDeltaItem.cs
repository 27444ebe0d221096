using System.Text.Json;
using ValueAlign.Core.Benchmarks.Importers;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>
/// What the <c>legal-delta</c> method needs of a LegalΔ item: the reasoning-mode instruction
/// (<c>instruction</c>), the answer-only instruction for the direct pass (<c>instruction_base</c>;
/// the SFT split has none, so its instruction serves both passes), the case text, and the tagged
/// gold answer exactly as the dataset writes it (<c>[罪名]盗窃&lt;eoa&gt;</c>), read from the
/// verbatim source record or, for items of other formats, rebuilt from the task category and answer.
/// </summary>
public sealed record LegalDeltaItem(string Instruction, string DirectInstruction, string Question, string GoldText, LegalAnswer Gold)
{
    public static LegalDeltaItem From(BenchmarkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        string? instruction = null, direct = null, gold = null;
        if (item.SourceRecord.TrimStart().StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(item.SourceRecord);
                var root = document.RootElement;
                instruction = Text(root, "instruction");
                direct = Text(root, "instruction_base");
                gold = Text(root, "answer");
            }
            catch (JsonException)
            {
                // Not a JSON record: fall back to the item's fields below.
            }
        }
        instruction ??= item.Context ?? "";
        gold ??= Rebuild(item);
        if (gold is null || !LegalAnswer.TryParse(gold, out var parsed))
            throw new ArgumentException($"Item {item.Benchmark}/{item.ExternalId} has no tagged LegalΔ gold answer ([罪名]…<eoa>).");
        if (!gold.TrimEnd().EndsWith(LegalAnswer.EndMarker, StringComparison.Ordinal))
            gold = gold.TrimEnd() + LegalAnswer.EndMarker;
        return new LegalDeltaItem(instruction, direct ?? instruction, item.Text, gold.Trim(), parsed!);
    }

    private static string? Rebuild(BenchmarkItem item)
    {
        var tag = LegalDeltaImporter.TaskTypes.FirstOrDefault(t => t.Value == item.Category).Key;
        return tag is null || string.IsNullOrWhiteSpace(item.Answer) ? null : $"[{tag}]{item.Answer}{LegalAnswer.EndMarker}";
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
