namespace ValueAlign.Core.Benchmarks.Csv;

/// <summary>The text is not valid delimited data at <see cref="Line"/>.</summary>
public sealed class DelimitedFormatException(long line, string message) : Exception(message)
{
    public long Line { get; } = line;
}
