using System.Text.Json;
using System.Text.Json.Nodes;

namespace ValueAlign.Core.Evaluation.Parameters;

/// <summary>
/// The parameters a method takes (see <see cref="MethodParameter"/>). The New run form renders it,
/// <c>eval --param</c> reads values by it, and <see cref="ParameterValidator"/> checks a run's
/// parameters against it before the run is created. An open schema (<see cref="Open"/>) declares
/// nothing: any JSON object is passed on and only the method checks it.
/// </summary>
public sealed class ParameterSchema
{
    private ParameterSchema(string method, IReadOnlyList<MethodParameter> parameters, bool open)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        Method = method;
        Parameters = parameters;
        IsOpen = open;
        var duplicate = parameters.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"The {method} schema declares '{duplicate.Key}' twice.");
        foreach (var parameter in parameters)
        {
            if (parameter.Type == ParameterType.Choice && parameter.Choices is not { Count: > 0 })
                throw new ArgumentException($"The {method} parameter '{parameter.Name}' is a choice without choices.");
            // A required text may start blank (the user must fill it in); its type must still fit.
            if (parameter.Default is { } preset && ParameterValidator.Check(method, parameter with { Required = false }, ToElement(preset)) is { } problem)
                throw new ArgumentException($"The default of a {method} parameter is invalid: {problem}");
        }
        var defaults = new JsonObject();
        foreach (var parameter in parameters.Where(p => p.Preset))
            defaults[parameter.Name] = parameter.Default?.DeepClone() ?? (parameter.Type is ParameterType.TextList or ParameterType.IntegerList ? new JsonArray() : null);
        DefaultsJson = CanonicalJson.Normalize(defaults.ToJsonString());
    }

    public ParameterSchema(string method, IReadOnlyList<MethodParameter> parameters) : this(method, parameters, open: false)
    {
    }

    /// <summary>A schema that declares nothing: any object, checked by the method alone (methods written before schemas, test methods).</summary>
    public static ParameterSchema Open(string method, string defaultsJson = "{}")
    {
        var schema = new ParameterSchema(method, [], open: true) { DefaultsJson = CanonicalJson.NormalizeObject(defaultsJson) };
        return schema;
    }

    /// <summary>The method id, used in messages ("Unknown honesty parameter ...").</summary>
    public string Method { get; }

    public IReadOnlyList<MethodParameter> Parameters { get; }

    public bool IsOpen { get; }

    /// <summary>The canonical default parameter object: every <see cref="MethodParameter.Preset"/> parameter with its default.</summary>
    public string DefaultsJson { get; private init; }

    public MethodParameter? Find(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    public IReadOnlyList<ParameterError> Validate(JsonElement parameters) => ParameterValidator.Validate(this, parameters);

    /// <summary>Validates a JSON text; a syntax error is one error for the whole object.</summary>
    public IReadOnlyList<ParameterError> Validate(string? json)
    {
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
            return Validate(document.RootElement);
        }
        catch (JsonException e)
        {
            return [new ParameterError(null, $"The {Method} parameters are not valid JSON: {e.Message}")];
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> with every problem (one a line) when the parameters are not valid; methods call it first when reading their parameters.</summary>
    public void Require(JsonElement parameters)
    {
        var errors = Validate(parameters);
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(Environment.NewLine, errors.Select(e => e.Message)));
    }

    public void Require(EvalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Require(settings.Parameters);
    }

    internal static JsonElement ToElement(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }
}
