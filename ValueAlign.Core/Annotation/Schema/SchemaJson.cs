using System.Text.Json;
using System.Text.Json.Serialization;

namespace ValueAlign.Core.Annotation.Schema;

/// <summary>The JSON settings of schemas and answers: camelCase, enums as names, nullability enforced.</summary>
internal static class SchemaJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowTrailingCommas = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Deserialises or throws <see cref="LabelSchemaException"/> naming the line and JSON path.</summary>
    public static T Read<T>(string json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new LabelSchemaException([$"{what}: the JSON is null."]);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, {e.Path ?? "$"})" : "";
            throw new LabelSchemaException([$"{what}: invalid JSON{where}: {e.Message}"]);
        }
    }
}
