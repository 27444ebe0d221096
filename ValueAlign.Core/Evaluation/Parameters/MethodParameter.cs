using System.Text.Json.Nodes;

namespace ValueAlign.Core.Evaluation.Parameters;

/// <summary>
/// One parameter a method takes: its JSON name, type, range or choices, the value the method uses
/// when it is absent (<see cref="Default"/>, null when the method derives it) and a help text for
/// the form and <c>--help</c>. <see cref="Preset"/> parameters are written into a new run's
/// parameters even when unchanged: they form the method's default parameter object, which is part
/// of the configuration hash, so which ones are preset must not change once runs exist.
/// </summary>
public sealed record MethodParameter(string Name, ParameterType Type, string Help)
{
    public JsonNode? Default { get; init; }

    /// <summary>Smallest allowed value of an <see cref="ParameterType.Integer"/> or <see cref="ParameterType.Number"/>; null for no bound.</summary>
    public double? Min { get; init; }

    /// <summary>Largest allowed value; null for no bound.</summary>
    public double? Max { get; init; }

    /// <summary>The allowed strings of a <see cref="ParameterType.Choice"/> (or of each entry of a <see cref="ParameterType.TextList"/>).</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>The parameter must be present and not blank (or empty, for a list).</summary>
    public bool Required { get; init; }

    /// <summary>Part of the method's default parameter object (see the type's remarks).</summary>
    public bool Preset { get; init; }

    public static MethodParameter Integer(string name, long? min, long? max, long? @default, string help) =>
        new(name, ParameterType.Integer, help) { Min = min, Max = max, Default = @default is { } d ? JsonValue.Create(d) : null };

    public static MethodParameter Number(string name, double? min, double? max, double? @default, string help) =>
        new(name, ParameterType.Number, help) { Min = min, Max = max, Default = @default is { } d ? JsonValue.Create(d) : null };

    public static MethodParameter Flag(string name, bool @default, string help) =>
        new(name, ParameterType.Flag, help) { Default = JsonValue.Create(@default) };

    public static MethodParameter Choice(string name, IReadOnlyList<string> choices, string? @default, string help) =>
        new(name, ParameterType.Choice, help) { Choices = choices, Default = @default is null ? null : JsonValue.Create(@default) };

    public static MethodParameter Text(string name, string? @default, string help) =>
        new(name, ParameterType.Text, help) { Default = @default is null ? null : JsonValue.Create(@default) };

    public static MethodParameter TextList(string name, string help, IReadOnlyList<string>? choices = null) =>
        new(name, ParameterType.TextList, help) { Choices = choices };

    public static MethodParameter IntegerList(string name, string help) => new(name, ParameterType.IntegerList, help);

    public static MethodParameter Json(string name, string help) => new(name, ParameterType.Json, help);

    /// <summary>The range as people read it ("1–4096", "at least 1"); empty when unbounded.</summary>
    public string RangeText => (Min, Max) switch
    {
        ({ } lo, { } hi) => $"{Format(lo)}–{Format(hi)}",
        ({ } lo, null) => $"at least {Format(lo)}",
        (null, { } hi) => $"at most {Format(hi)}",
        _ => "",
    };

    internal static string Format(double value) => value.ToString("0.############", System.Globalization.CultureInfo.InvariantCulture);
}
