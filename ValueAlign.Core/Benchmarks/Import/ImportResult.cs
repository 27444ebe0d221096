namespace ValueAlign.Core.Benchmarks.Import;

/// <summary>
/// Outcome of an import. When <see cref="Errors"/> is not empty nothing was written (a dry run
/// returns errors here instead of throwing).
/// </summary>
public sealed record ImportResult(
    string File,
    string Format,
    long RecordsRead,
    long Inserted,
    long Updated,
    long Labels,
    bool DryRun,
    IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
