using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ValueAlign.Core.Evaluation.Parameters;

/// <summary>
/// Builds a run's parameter object from the command line: <c>--params JSON</c> (an object) and then
/// each <c>--param key=value</c> on top of it, the value read by the parameter's type (a number, true
/// or false, a comma-separated or JSON list). A value that does not read as its type is kept as text
/// so <see cref="ParameterValidator"/> words the error exactly as the form does.
/// </summary>
public static class ParameterAssignments
{
    /// <summary>
    /// The parameter object, or null when neither was given (the method's parameters then stay
    /// <c>{}</c>, as before). Throws <see cref="ArgumentException"/> for JSON that does not parse or an
    /// assignment without '='; the values themselves are checked by the schema when the run is created.
    /// </summary>
    public static string? Compose(ParameterSchema schema, string? json, IReadOnlyList<string>? assignments)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (json is null && assignments is not { Count: > 0 })
            return null;
        JsonObject result;
        try
        {
            result = json is null ? new JsonObject() : JsonNode.Parse(json) as JsonObject
                ?? throw new ArgumentException($"--params must be a JSON object such as {{\"name\": value}}.");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"--params is not valid JSON: {e.Message}", e);
        }
        foreach (var assignment in assignments ?? [])
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw new ArgumentException($"--param takes key=value, got '{assignment}'.");
            var name = assignment[..equals].Trim();
            result[name] = Read(schema.Find(name), assignment[(equals + 1)..]);
        }
        return CanonicalJson.Normalize(result.ToJsonString());
    }

    /// <summary>The JSON value of <paramref name="text"/> for a parameter of this type (text when unknown or unreadable).</summary>
    public static JsonNode? Read(MethodParameter? parameter, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        switch (parameter?.Type)
        {
            case ParameterType.Integer when long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole):
                return JsonValue.Create(whole);
            case ParameterType.Integer or ParameterType.Number when double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                return JsonValue.Create(number);
            case ParameterType.Flag when bool.TryParse(trimmed, out var flag):
                return JsonValue.Create(flag);
            case ParameterType.TextList or ParameterType.IntegerList or ParameterType.Json when trimmed.StartsWith('[') || trimmed.StartsWith('{'):
                return ParseOrText(trimmed);
            case ParameterType.TextList:
                return new JsonArray(Split(trimmed).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
            case ParameterType.IntegerList:
                return new JsonArray(Split(trimmed)
                    .Select(s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? (JsonNode?)JsonValue.Create(id) : JsonValue.Create(s))
                    .ToArray());
            default:
                return JsonValue.Create(text);
        }
    }

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static JsonNode? ParseOrText(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
