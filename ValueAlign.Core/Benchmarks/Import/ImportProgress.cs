namespace ValueAlign.Core.Benchmarks.Import;

/// <summary>How far an import is, for a progress bar: records read and bytes of the file consumed.</summary>
public readonly record struct ImportProgress(long RecordsRead, long BytesRead, long TotalBytes)
{
    public double Fraction => TotalBytes <= 0 ? 0 : Math.Min(1.0, (double)BytesRead / TotalBytes);
}
