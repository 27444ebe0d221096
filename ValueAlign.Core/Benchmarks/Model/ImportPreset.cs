namespace ValueAlign.Core.Benchmarks.Model;

/// <summary>A saved column mapping for the generic importer, chosen by name in the UI or CLI.</summary>
public sealed class ImportPreset
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>JSON of a column mapping (see <c>ColumnMapping</c>).</summary>
    public string MappingJson { get; set; } = "{}";

    public DateTime UpdatedAtUtc { get; set; }
}
