using System.Text.Json;
using System.Text.Json.Serialization;

namespace ValueAlign.Core.Benchmarks.Query;

/// <summary>
/// The one JSON form of an <see cref="ItemFilter"/> (camelCase, enums by name), used by saved
/// filters and by verification projects, so a project's filter compares equal to the saved filter
/// it came from.
/// </summary>
public static class ItemFilterJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Deterministic for equal filters (record property order, nulls left out, search trimmed), so
    /// the string can be compared and hashed (evaluation runs hash it into their configuration).
    /// </summary>
    public static string Serialize(ItemFilter filter) =>
        JsonSerializer.Serialize(filter with { Search = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim() }, Options);

    /// <summary>Parses stored filter JSON; throws <see cref="FormatException"/> naming <paramref name="source"/> when it is not a filter.</summary>
    public static ItemFilter Deserialize(string json, string source = "filter")
    {
        try
        {
            return JsonSerializer.Deserialize<ItemFilter>(json, Options) ?? new ItemFilter();
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: the stored filter is not valid JSON ({e.Path ?? "$"}): {e.Message}", e);
        }
    }
}
