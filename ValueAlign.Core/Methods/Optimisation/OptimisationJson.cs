using System.Text.Json;
using System.Text.Json.Serialization;

namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>
/// How optimisation rounds are stored and exported: camelCase, enums by name, and NaN/Infinity
/// written as strings (a round whose samples all came back empty has no mean).
/// </summary>
public static class OptimisationJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new OptimisationException($"Stored {typeof(T).Name} is empty.");
}
