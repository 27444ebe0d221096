using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>
/// An item an importer produced and where it came from. <see cref="CarriesVerification"/> is true
/// only for formats that store the verification status (the library's own export), so that a
/// re-import of a source file never resets what curators verified.
/// </summary>
public sealed record ParsedItem(BenchmarkItem Item, long? Line, string? Record, bool CarriesVerification = false)
{
    public string Where => Line is { } l ? $"line {l}" : $"record {Record}";
}
