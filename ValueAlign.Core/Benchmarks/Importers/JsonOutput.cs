using System.Text.Encodings.Web;
using System.Text.Json;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>Serializer settings for what the library writes: compact, non-ASCII kept readable.</summary>
public static class JsonOutput
{
    public static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string? List(IReadOnlyCollection<string>? values) =>
        values is null || values.Count == 0 ? null : JsonSerializer.Serialize(values, Compact);

    public static IReadOnlyList<string> ParseList(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];
}
