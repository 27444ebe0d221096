using System.Text.Json.Nodes;

namespace ValueAlign.Core.Inference;

/// <summary>
/// The JSON-schema face of <see cref="JsonGrammar"/>'s objects: <see cref="ToSchema"/> writes the
/// schema a server's structured output (response_format json_schema, guided decoding) takes, and
/// <see cref="FromSchema"/> reads back the subset the served API constrains by grammar: an object
/// of required properties in order, each a string (maxLength), an integer within 0..100
/// (minimum/maximum), a number, a boolean, or an array of strings (maxItems, items.maxLength).
/// </summary>
public static class JsonSchemaFields
{
    public static JsonObject ToSchema(IReadOnlyList<JsonField> fields)
    {
        var properties = new JsonObject();
        foreach (var field in fields)
        {
            properties[field.Name] = field.Type switch
            {
                JsonFieldType.Digit d => new JsonObject { ["type"] = "integer", ["minimum"] = d.Min, ["maximum"] = d.Max },
                JsonFieldType.Integer n => new JsonObject { ["type"] = "integer", ["minimum"] = n.Min, ["maximum"] = n.Max },
                JsonFieldType.Text t => new JsonObject { ["type"] = "string", ["maxLength"] = t.MaxLength },
                JsonFieldType.Number => new JsonObject { ["type"] = "number" },
                JsonFieldType.Boolean => new JsonObject { ["type"] = "boolean" },
                JsonFieldType.TextArray a => new JsonObject
                {
                    ["type"] = "array",
                    ["maxItems"] = a.MaxItems,
                    ["items"] = new JsonObject { ["type"] = "string", ["maxLength"] = a.MaxLength },
                },
                _ => throw new ArgumentOutOfRangeException(nameof(fields), field.Type, "Unknown JSON field type."),
            };
        }
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray(fields.Select(f => (JsonNode)f.Name).ToArray()),
            ["additionalProperties"] = false,
        };
    }

    /// <summary>The fields of a schema in the supported subset; an <see cref="ArgumentException"/> names what is not supported.</summary>
    public static IReadOnlyList<JsonField> FromSchema(JsonNode? schema)
    {
        if (schema is not JsonObject root || Type(root) != "object" || root["properties"] is not JsonObject properties || properties.Count == 0)
        {
            throw new ArgumentException("The JSON schema must be an object schema with at least one property.");
        }
        var fields = new List<JsonField>();
        foreach (var (name, node) in properties)
        {
            if (node is not JsonObject property)
            {
                throw new ArgumentException($"Property \"{name}\" has no schema object.");
            }
            fields.Add(new JsonField(name, FieldType(name, property)));
        }
        return fields;
    }

    private static JsonFieldType FieldType(string name, JsonObject property) => Type(property) switch
    {
        "string" => new JsonFieldType.Text(Int(property, "maxLength") ?? 200),
        "integer" => Integer(name, Int(property, "minimum") ?? 0, Int(property, "maximum") ?? 100),
        "number" => new JsonFieldType.Number(),
        "boolean" => new JsonFieldType.Boolean(),
        "array" when property["items"] is JsonObject items && Type(items) == "string" =>
            new JsonFieldType.TextArray(Int(property, "maxItems") ?? 8, Int(items, "maxLength") ?? 100),
        var other => throw new ArgumentException($"Property \"{name}\" has type {other ?? "(none)"}; supported are string, integer, number, boolean and arrays of strings."),
    };

    private static JsonFieldType Integer(string name, int min, int max)
    {
        if (min < 0 || max > 100 || min > max)
        {
            throw new ArgumentException($"Integer property \"{name}\" must lie within 0..100 (minimum {min}, maximum {max}).");
        }
        return min <= 9 && max <= 9 ? new JsonFieldType.Digit(min, max) : new JsonFieldType.Integer(min, max);
    }

    private static string? Type(JsonObject node) => node["type"] is JsonValue value && value.TryGetValue<string>(out var type) ? type : null;

    private static int? Int(JsonObject node, string key) =>
        node[key] is JsonValue value && Number(value) is { } number && number == Math.Floor(number) ? (int)number : null;

    /// <summary>A number whether the node was parsed (a JSON element) or built in code (an int, a long, a double).</summary>
    internal static double? Number(JsonValue value) =>
        value.TryGetValue<double>(out var d) ? d
        : value.TryGetValue<int>(out var i) ? i
        : value.TryGetValue<long>(out var l) ? l
        : value.TryGetValue<float>(out var f) ? f
        : value.TryGetValue<decimal>(out var m) ? (double)m
        : null;
}
