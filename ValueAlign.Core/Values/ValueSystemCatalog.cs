namespace ValueAlign.Core.Values;

/// <summary>
/// The value systems shipped in the data folder, loaded and validated once when the catalogue is
/// created (so an invalid file stops start-up with the loader's message) and read-only after.
/// </summary>
public sealed class ValueSystemCatalog
{
    private readonly Dictionary<string, ValueSystem> _byId;

    public ValueSystemCatalog(string folder)
        : this(ValueSystemLoader.LoadFolder(folder))
    {
        Folder = folder;
    }

    public ValueSystemCatalog(IEnumerable<ValueSystem> systems)
    {
        All = systems.ToArray();
        _byId = new Dictionary<string, ValueSystem>(StringComparer.Ordinal);
        foreach (var system in All)
        {
            if (!_byId.TryAdd(system.Id, system))
            {
                throw new ArgumentException($"Two value systems share the id '{system.Id}' ({_byId[system.Id].SourceFile}, {system.SourceFile}).");
            }
        }
    }

    /// <summary>The folder the systems were read from, when loaded from disk.</summary>
    public string? Folder { get; }

    /// <summary>All systems in display order.</summary>
    public IReadOnlyList<ValueSystem> All { get; }

    /// <summary>The system with this id, or null.</summary>
    public ValueSystem? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The system with this id; throws naming the known ids when there is none.</summary>
    public ValueSystem Get(string id) =>
        Find(id) ?? throw new KeyNotFoundException($"No value system '{id}'. Known: {string.Join(", ", _byId.Keys.Order())}.");
}
