using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ValueAlign.Core.Benchmarks.Model;

/// <summary>
/// SHA-256 of everything of an item a method may read: benchmark and id, kind, text, context,
/// options, answer, language, country, modality, media references, category, explanation,
/// knowledge points, theme, alignment group, source format, the source record and the gold
/// labels (in a fixed order). The curation state (<see cref="BenchmarkItem.VerificationStatus"/>)
/// is left out: verifying an item does not change what a model is asked. Media enter by their
/// references here; the run engine adds the media files' bytes (<c>ItemContentKeys</c>).
/// Stored as <see cref="BenchmarkItem.ContentHash"/> by the import; items written otherwise get it
/// on demand.
/// </summary>
public static class ItemContentHash
{
    public const int Length = 64;

    public static string Compute(BenchmarkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = new StringBuilder(item.Text.Length + item.SourceRecord.Length + 256);
        // Each field is written as name, length and value, so no two different items can produce
        // the same text by moving characters between fields (or between null and empty).
        Field(text, "benchmark", item.Benchmark);
        Field(text, "id", item.ExternalId);
        Field(text, "kind", item.Kind.ToString());
        Field(text, "text", item.Text);
        Field(text, "context", item.Context);
        Field(text, "options", item.OptionsJson);
        Field(text, "answer", item.Answer);
        Field(text, "language", item.Language);
        Field(text, "country", item.Country);
        Field(text, "modality", item.Modality.ToString());
        Field(text, "media", item.MediaJson);
        Field(text, "category", item.Category);
        Field(text, "explanation", item.Explanation);
        Field(text, "knowledge-points", item.KnowledgePointsJson);
        Field(text, "theme", item.Theme);
        Field(text, "alignment-group", item.AlignmentGroup);
        Field(text, "format", item.SourceFormat);
        Field(text, "record", item.SourceRecord);
        var labels = item.Labels
            .OrderBy(l => l.ValueSystemId, StringComparer.Ordinal)
            .ThenBy(l => l.DimensionId, StringComparer.Ordinal)
            .ThenBy(l => l.Target ?? "", StringComparer.Ordinal)
            .ThenBy(l => l.Value);
        foreach (var label in labels)
        {
            Field(text, "label", string.Join('\u001f', label.ValueSystemId, label.DimensionId, label.Target ?? "",
                label.Value.ToString("R", CultureInfo.InvariantCulture)));
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void Field(StringBuilder text, string name, string? value)
    {
        text.Append(name).Append(':');
        if (value is null)
        {
            text.Append("null\n");
            return;
        }
        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
    }
}
