namespace ValueAlign.Core.Benchmarks.Import;

/// <summary>
/// Bounds on the work one import or upload may ask of the server (settings section <c>Import</c>).
/// A line longer than <see cref="MaxLineMB"/> is refused with its line number and never held in
/// memory whole; an upload (all files of one pick together) larger than <see cref="MaxUploadMB"/>
/// is refused and deleted; a Parquet row group with more rows than <see cref="MaxParquetRowGroupRows"/>
/// is refused, since a row group is the unit Parquet decodes at once.
/// </summary>
public sealed record ImportLimits
{
    public const string SectionName = "Import";

    public static readonly ImportLimits Default = new();

    public int MaxLineMB { get; init; } = 64;

    public int MaxUploadMB { get; init; } = 1024;

    public int MaxParquetRowGroupRows { get; init; } = 250_000;

    public long MaxLineBytes => MaxLineMB * 1024L * 1024;

    public long MaxUploadBytes => MaxUploadMB * 1024L * 1024;
}
