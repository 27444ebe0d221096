using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>A value or trait an optimiser steers towards: a catalogue dimension with its name and definition.</summary>
public sealed record TargetValue(string SystemId, string DimensionId, string Name, string Definition)
{
    /// <summary>"system:dimension", the form the CLI and the value-set file use.</summary>
    public string Key => SystemId + ":" + DimensionId;

    public static TargetValue Of(ValueSystem system, ValueDimension dimension) =>
        new(system.Id, dimension.Id, dimension.Name, dimension.Definition);

    /// <summary>Resolves "system:dimension" (dimension by id, name or alias) in the catalogue, or throws naming what is missing.</summary>
    public static TargetValue Parse(ValueSystemCatalog catalog, string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == key.Length - 1)
            throw new ArgumentException($"'{key}' is not SYSTEM:dimension (for example schwartz-10:benevolence).");
        var system = catalog.Find(key[..colon].Trim())
            ?? throw new ArgumentException($"No value system '{key[..colon].Trim()}'. Known: {string.Join(", ", catalog.All.Select(s => s.Id))}.");
        var name = key[(colon + 1)..];
        var dimension = system.Dimensions.FirstOrDefault(d => d.Matches(name))
            ?? throw new ArgumentException($"Value system '{system.Id}' has no dimension '{name.Trim()}'. Known: {string.Join(", ", system.Dimensions.Select(d => d.Id))}.");
        return Of(system, dimension);
    }

    /// <summary>"SYSTEM:dim,dim" (the CLI's --values) as target values of one system.</summary>
    public static IReadOnlyList<TargetValue> ParseList(ValueSystemCatalog catalog, string spec)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
            throw new ArgumentException($"'{spec}' is not SYSTEM:dim,dim (for example schwartz-10:benevolence,universalism).");
        var system = spec[..colon];
        var values = spec[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => Parse(catalog, system + ":" + d)).ToList();
        if (values.Count == 0)
            throw new ArgumentException($"'{spec}' names no dimension.");
        var twice = values.GroupBy(v => v.Key).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? values : throw new ArgumentException($"'{twice.Key}' is listed twice.");
    }
}
