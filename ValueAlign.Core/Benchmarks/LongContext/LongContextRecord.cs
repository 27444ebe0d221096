namespace ValueAlign.Core.Benchmarks.LongContext;

/// <summary>Reports a problem with one field of a record (the importer adds file and line).</summary>
public delegate void FieldError(string field, string message);

/// <summary>A long-context QA record read from one of the source formats, before it becomes an item.</summary>
public sealed record LongContextRecord(string Id, LongContextQa Qa, string? Category, string? Language, string? Explanation);
