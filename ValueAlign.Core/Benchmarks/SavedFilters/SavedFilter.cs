namespace ValueAlign.Core.Benchmarks.SavedFilters;

/// <summary>A benchmark-browser filter kept under a name, so a curator can build projects from it.</summary>
public sealed class SavedFilter
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>JSON of the <c>ItemFilter</c> (see <c>ItemFilterJson</c>).</summary>
    public string FilterJson { get; set; } = "{}";

    /// <summary>User id of whoever saved it.</summary>
    public string CreatedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
