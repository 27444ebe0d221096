namespace ValueAlign.Core.Values;

/// <summary>One dimension (value, foundation, rule or trait) of a value system.</summary>
/// <param name="Id">Stable kebab-case id, unique within its system.</param>
/// <param name="Angle">Position on the circle in degrees [0, 360), clockwise from the top; only for circular systems.</param>
/// <param name="Groups">Ids of the higher-order groups the dimension belongs to (a dimension on a border belongs to two).</param>
/// <param name="Aliases">Other labels datasets use for this dimension, so importers can map them.</param>
/// <param name="Optional">True for dimensions the theory treats as candidates (for example liberty in Moral Foundations).</param>
public sealed record ValueDimension(
    string Id,
    string Name,
    string Definition,
    double? Angle,
    IReadOnlyList<string> Groups,
    IReadOnlyList<string> Aliases,
    bool Optional)
{
    /// <summary>Words that typically signal the dimension in a text (MoVa's prompts list them with the definition); empty when the catalogue gives none.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>True when <paramref name="label"/> is this dimension's id, name or one of its aliases (case and surrounding space ignored).</summary>
    public bool Matches(string label)
    {
        var trimmed = label.Trim();
        return string.Equals(trimmed, Id, StringComparison.OrdinalIgnoreCase)
            || string.Equals(trimmed, Name, StringComparison.OrdinalIgnoreCase)
            || Aliases.Any(a => string.Equals(trimmed, a, StringComparison.OrdinalIgnoreCase));
    }
}
