using System.Text.Json;
using System.Text.Json.Serialization;
using ValueAlign.Core.Benchmarks.Query;

namespace ValueAlign.Core.Evaluation;

/// <summary>The stored form of a run's item selection: canonical JSON, enums by name, "any" fields left out.</summary>
public static class ItemFilterJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(ItemFilter filter) =>
        CanonicalJson.Normalize(JsonSerializer.Serialize(filter with { Search = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim() }, Options));

    public static ItemFilter Deserialize(string json) =>
        JsonSerializer.Deserialize<ItemFilter>(json, Options) ?? new ItemFilter();
}
