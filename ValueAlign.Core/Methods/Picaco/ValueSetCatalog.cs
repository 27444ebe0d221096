using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Picaco;

/// <summary>PICACO's named value sets (<c>data/value-sets/picaco.json</c>), loaded and checked against the catalogue at start-up.</summary>
public sealed class ValueSetCatalog
{
    public ValueSetCatalog(string path, ValueSystemCatalog systems)
    {
        (Source, All) = ValueSetFile.Load(path, systems);
    }

    public ValueSetCatalog(string source, IReadOnlyList<ValueSet> sets)
    {
        (Source, All) = (source, sets);
    }

    /// <summary>Where the sets come from (the paper names them without members; the team defined them).</summary>
    public string Source { get; }

    public IReadOnlyList<ValueSet> All { get; }

    public ValueSet Get(string id) =>
        All.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Name, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No value set '{id}'. Known: {string.Join(", ", All.Select(s => s.Id))}.");
}
