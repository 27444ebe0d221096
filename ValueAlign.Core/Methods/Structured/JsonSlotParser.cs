using System.Text.Json;
using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.Structured;

/// <summary>
/// Checks a model's output against the fields a grammar asked for: finds the JSON object in the
/// text, and requires every field with the right type (digits as whole numbers within their range,
/// text as strings). Returns the values or one clear error; never throws on bad output.
/// </summary>
public static class JsonSlotParser
{
    public static (IReadOnlyDictionary<string, JsonElement>? Values, string? Error) Parse(string output, IReadOnlyList<JsonField> fields)
    {
        var start = output.IndexOf('{');
        var end = output.LastIndexOf('}');
        if (start < 0 || end < start)
        {
            return (null, $"no JSON object in the output ({Preview(output)}).");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(output[start..(end + 1)]);
        }
        catch (JsonException e)
        {
            return (null, $"the JSON object does not parse: {e.Message}");
        }
        using (document)
        {
            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var field in fields)
            {
                if (!document.RootElement.TryGetProperty(field.Name, out var value))
                {
                    return (null, $"missing field \"{field.Name}\".");
                }
                var error = Check(field, value);
                if (error is not null)
                {
                    return (null, error);
                }
                values[field.Name] = value.Clone();
            }
            return (values, null);
        }
    }

    private static string? Check(JsonField field, JsonElement value) => field.Type switch
    {
        JsonFieldType.Digit d => value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n)
            ? $"field \"{field.Name}\" is {value.GetRawText()}, not a whole number."
            : n < d.Min || n > d.Max ? $"field \"{field.Name}\" is {n}, outside {d.Min}..{d.Max}." : null,
        JsonFieldType.Integer r => value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n)
            ? $"field \"{field.Name}\" is {value.GetRawText()}, not a whole number."
            : n < r.Min || n > r.Max ? $"field \"{field.Name}\" is {n}, outside {r.Min}..{r.Max}." : null,
        JsonFieldType.Text => value.ValueKind == JsonValueKind.String ? null : $"field \"{field.Name}\" is {value.GetRawText()}, not a string.",
        _ => null,
    };

    private static string Preview(string output) =>
        output.Length == 0 ? "empty" : "\"" + (output.Length > 80 ? output[..80] + "..." : output) + "\"";
}
