using System.Text.Json;

namespace ValueAlign.Core.Evaluation.Parameters;

/// <summary>
/// The one place that words parameter errors: the New run form, <c>eval --param</c>/<c>--params</c>
/// and the methods themselves all show these texts, so a value refused in one place is refused in
/// the same words everywhere.
/// </summary>
public static class ParameterValidator
{
    /// <summary>Every problem of <paramref name="parameters"/> against <paramref name="schema"/>, in schema order (unknown names last); empty when valid.</summary>
    public static IReadOnlyList<ParameterError> Validate(ParameterSchema schema, JsonElement parameters)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (parameters.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            return schema.IsOpen ? [] : Validate(schema, EmptyObject);
        if (parameters.ValueKind != JsonValueKind.Object)
            return [new ParameterError(null, $"The {schema.Method} parameters must be a JSON object such as {{\"name\": value}}, got {Shown(parameters)}.")];
        if (schema.IsOpen)
            return [];
        var errors = new List<ParameterError>();
        foreach (var parameter in schema.Parameters)
        {
            var present = parameters.TryGetProperty(parameter.Name, out var value) && value.ValueKind != JsonValueKind.Null;
            if (Check(schema.Method, parameter, present ? value : null) is { } message)
                errors.Add(new ParameterError(parameter.Name, message));
        }
        foreach (var property in parameters.EnumerateObject())
        {
            if (schema.Find(property.Name) is null)
                errors.Add(new ParameterError(property.Name, Unknown(schema, property.Name)));
        }
        return errors;
    }

    /// <summary>The message for a name the schema does not know.</summary>
    public static string Unknown(ParameterSchema schema, string name) =>
        $"Unknown {schema.Method} parameter '{name}'; allowed: {string.Join(", ", schema.Parameters.Select(p => p.Name))}.";

    /// <summary>The problem with one parameter's value (null when it is absent), or null when it is fine.</summary>
    public static string? Check(string method, MethodParameter parameter, JsonElement? value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var the = $"The {method} parameter '{parameter.Name}'";
        if (value is not { } v)
            return parameter.Required ? $"{the} is required." : null;
        switch (parameter.Type)
        {
            case ParameterType.Integer:
                return v.ValueKind == JsonValueKind.Number && v.GetDouble() is var whole && whole == Math.Floor(whole) && InRange(parameter, whole)
                    ? null
                    : $"{the} must be a whole number{Bounds(parameter)}, got {Shown(v)}.";
            case ParameterType.Number:
                return v.ValueKind == JsonValueKind.Number && InRange(parameter, v.GetDouble())
                    ? null
                    : $"{the} must be a number{Bounds(parameter)}, got {Shown(v)}.";
            case ParameterType.Flag:
                return v.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"{the} must be true or false, got {Shown(v)}.";
            case ParameterType.Choice:
                return v.ValueKind == JsonValueKind.String && parameter.Choices!.Contains(v.GetString()!, StringComparer.Ordinal)
                    ? null
                    : $"{the} must be one of {string.Join(", ", parameter.Choices!)}, got {Shown(v)}.";
            case ParameterType.Text:
                if (v.ValueKind != JsonValueKind.String)
                    return $"{the} must be text, got {Shown(v)}.";
                return parameter.Required && string.IsNullOrWhiteSpace(v.GetString()) ? $"{the} is required." : null;
            case ParameterType.TextList:
                if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                    return $"{the} must be a list of text values such as [\"a\", \"b\"], got {Shown(v)}.";
                if (parameter.Choices is { } choices && v.EnumerateArray().Select(e => e.GetString()!).FirstOrDefault(e => !choices.Contains(e, StringComparer.Ordinal)) is { } stranger)
                    return $"{the} lists '{stranger}', which is not one of {string.Join(", ", choices)}.";
                return parameter.Required && v.GetArrayLength() == 0 ? $"{the} is required." : null;
            case ParameterType.IntegerList:
                if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out _)))
                    return $"{the} must be a list of whole numbers such as [12, 15], got {Shown(v)}.";
                return parameter.Required && v.GetArrayLength() == 0 ? $"{the} is required." : null;
            case ParameterType.Json:
                if (v.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
                    return $"{the} must be a JSON array or object, got {Shown(v)}.";
                return parameter.Required && (v.ValueKind == JsonValueKind.Array ? v.GetArrayLength() == 0 : !v.EnumerateObject().Any()) ? $"{the} is required." : null;
            default:
                throw new InvalidOperationException($"Parameter type {parameter.Type} has no check.");
        }
    }

    private static bool InRange(MethodParameter parameter, double value) =>
        (parameter.Min is not { } min || value >= min) && (parameter.Max is not { } max || value <= max);

    private static string Bounds(MethodParameter parameter) => (parameter.Min, parameter.Max) switch
    {
        ({ } lo, { } hi) => $" between {MethodParameter.Format(lo)} and {MethodParameter.Format(hi)}",
        ({ } lo, null) => $" of at least {MethodParameter.Format(lo)}",
        (null, { } hi) => $" of at most {MethodParameter.Format(hi)}",
        _ => "",
    };

    /// <summary>The value as the user wrote it in JSON, shortened when long.</summary>
    private static string Shown(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
