using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ValueAlign.Core.Evaluation;

/// <summary>
/// One spelling per JSON value, so equal configurations hash equally: object keys sorted
/// (ordinal), no whitespace, numbers and strings as System.Text.Json writes them. Key order and
/// formatting of what a user typed must not split the result cache.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The canonical form of <paramref name="json"/>; a clear <see cref="ArgumentException"/> when it is not JSON.</summary>
    public static string Normalize(string json, string what = "JSON")
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The {what} is not valid JSON: {e.Message}", e);
        }
        return Write(node);
    }

    /// <summary>Like <see cref="Normalize"/>, and requires a JSON object (method parameters).</summary>
    public static string NormalizeObject(string? json, string what = "parameters")
    {
        var canonical = Normalize(json ?? "{}", what);
        if (!canonical.StartsWith('{'))
            throw new ArgumentException($"The {what} must be a JSON object such as {{\"mode\":\"likelihood\"}}.");
        return canonical;
    }

    private static string Write(JsonNode? node)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            WriteNode(writer, node);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteNode(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                    WriteNode(writer, item);
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
