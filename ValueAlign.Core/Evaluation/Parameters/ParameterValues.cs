using System.Text.Json;
using System.Text.Json.Nodes;

namespace ValueAlign.Core.Evaluation.Parameters;

/// <summary>
/// The parameter object a form is editing. It starts as the schema's defaults; a value set equal to
/// a non-preset parameter's default is left out, and a cleared value is removed, so an untouched
/// form gives exactly <see cref="ParameterSchema.DefaultsJson"/> (and the configuration hash of runs
/// started before the form existed). Errors come from <see cref="ParameterValidator"/>.
/// </summary>
public sealed class ParameterValues
{
    private readonly JsonObject values;

    private ParameterValues(ParameterSchema schema, JsonObject values)
    {
        Schema = schema;
        this.values = values;
        Revalidate();
    }

    public ParameterSchema Schema { get; }

    /// <summary>Problems of the current object (empty when a run can start with it).</summary>
    public IReadOnlyList<ParameterError> Errors { get; private set; } = [];

    public bool IsValid => Errors.Count == 0;

    public static ParameterValues Defaults(ParameterSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new ParameterValues(schema, (JsonObject)JsonNode.Parse(schema.DefaultsJson)!);
    }

    /// <summary>
    /// The object a JSON text describes, every key kept (unknown ones too, so they show as errors);
    /// null with the syntax problem when the text is not a JSON object.
    /// </summary>
    public static ParameterValues? FromJson(ParameterSchema schema, string? json, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(schema);
        problem = null;
        try
        {
            if (JsonNode.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json) is JsonObject parsed)
                return new ParameterValues(schema, parsed);
            problem = $"The {schema.Method} parameters must be a JSON object such as {{\"name\": value}}.";
        }
        catch (JsonException e)
        {
            problem = $"The {schema.Method} parameters are not valid JSON: {e.Message}";
        }
        return null;
    }

    /// <summary>The value in force: the one set, else the parameter's default (null when the method derives it).</summary>
    public JsonNode? this[string name] => values[name] ?? Schema.Find(name)?.Default;

    /// <summary>Whether the object holds a value for <paramref name="name"/> (rather than the method's default).</summary>
    public bool IsSet(string name) => values.ContainsKey(name);

    /// <summary>Sets a value; null clears it (the method's default then applies).</summary>
    public void Set(string name, JsonNode? value)
    {
        var parameter = Schema.Find(name);
        if (value is null || (parameter is { Preset: false, Required: false, Default: { } fallback } && JsonNode.DeepEquals(value, fallback)))
            values.Remove(name);
        else
            values[name] = value.DeepClone();
        Revalidate();
    }

    /// <summary>The problem of one parameter, or null.</summary>
    public string? ErrorOf(string name) => Errors.FirstOrDefault(e => e.Parameter == name)?.Message;

    /// <summary>The canonical parameter object, as the run will store and hash it.</summary>
    public string ToJson() => CanonicalJson.Normalize(values.ToJsonString());

    /// <summary>The object indented, for the advanced JSON view.</summary>
    public string ToIndentedJson() => JsonNode.Parse(ToJson())!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private void Revalidate()
    {
        using var document = JsonDocument.Parse(values.ToJsonString());
        Errors = Schema.Validate(document.RootElement);
    }
}
