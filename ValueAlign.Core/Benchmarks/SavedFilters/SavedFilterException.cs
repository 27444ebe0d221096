namespace ValueAlign.Core.Benchmarks.SavedFilters;

/// <summary>A filter that cannot be saved; the message names the field at fault.</summary>
public sealed class SavedFilterException(string message) : Exception(message);
