using System.Text.Json;

namespace ValueAlign.Core.Benchmarks.LongContext;

/// <summary>Typed reads of JSON fields that report a missing field or a wrong type by its path.</summary>
internal static class JsonFields
{
    public static string? String(JsonElement e, string name, FieldError error, bool required = true, bool allowEmpty = false)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) error(name, "required field is missing");
            return null;
        }
        if (v.ValueKind == JsonValueKind.Number) return v.GetRawText();
        if (v.ValueKind != JsonValueKind.String)
        {
            error(name, $"expected a string, found {v.ValueKind}");
            return null;
        }
        var s = v.GetString()!;
        if (required && !allowEmpty && s.Trim().Length == 0)
        {
            error(name, "required field is empty");
            return null;
        }
        return s;
    }

    public static JsonElement? Array(JsonElement e, string name, FieldError error, bool required = true)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) error(name, "required field is missing");
            return null;
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            error(name, $"expected a list, found {v.ValueKind}");
            return null;
        }
        return v;
    }

    public static List<string>? Strings(JsonElement e, string name, FieldError error, bool required = true)
    {
        if (Array(e, name, error, required) is not { } array) return required ? null : [];
        var list = new List<string>();
        var i = 0;
        foreach (var entry in array.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.String)
            {
                error($"{name}[{i}]", $"expected a string, found {entry.ValueKind}");
                return null;
            }
            list.Add(entry.GetString()!);
            i++;
        }
        return list;
    }

    public static bool? Bool(JsonElement e, string name, FieldError error, bool required = true)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) error(name, "required field is missing");
            return null;
        }
        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            error(name, $"expected true or false, found {v.ValueKind}");
            return null;
        }
        return v.GetBoolean();
    }
}
