namespace ValueAlign.Core.Benchmarks.Query;

/// <summary>Columns the browser can sort on; ties break on the row id.</summary>
public enum ItemSort
{
    Id,
    ExternalId,
    Benchmark,
    Kind,
    Country,
    Language,
    Category,
    VerificationStatus,
}
