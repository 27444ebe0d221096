namespace ValueAlign.Core.Benchmarks.Csv;

/// <summary>One record of a CSV/TSV file and the (1-based) physical line it starts on.</summary>
public sealed record DelimitedRecord(long Line, IReadOnlyList<string> Fields);
