using System.Text.Json;

namespace ValueAlign.Core.Methods.LongMab;

/// <summary>The stored form of a <see cref="LongMabTrace"/> (a generation unit's raw output): camel-case JSON, non-ASCII kept.</summary>
public static class LongMabTraceJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(LongMabTrace trace) => JsonSerializer.Serialize(trace, Options);

    public static LongMabTrace Deserialize(string json) =>
        JsonSerializer.Deserialize<LongMabTrace>(json, Options) ?? throw new JsonException("Empty LongMab-PO trace.");

    /// <summary>The trace of a stored unit, or null when the text is not one (a failed unit stores no trace).</summary>
    public static LongMabTrace? TryDeserialize(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json[0] != '{') return null;
        try
        {
            return Deserialize(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
