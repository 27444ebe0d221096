namespace ValueAlign.Core.Values;

/// <summary>
/// A value-system file that cannot be used. The message names the file, the JSON field
/// (for example <c>dimensions[3] (power).angle</c>), the problem and, for malformed JSON, the line.
/// </summary>
public sealed class ValueSystemFileException : Exception
{
    public ValueSystemFileException(string file, string field, string problem, long? line = null, Exception? inner = null)
        : base(Format(file, field, problem, line), inner)
    {
        File = file;
        Field = field;
        Problem = problem;
        Line = line;
    }

    public string File { get; }

    public string Field { get; }

    public string Problem { get; }

    /// <summary>1-based line number, when known.</summary>
    public long? Line { get; }

    private static string Format(string file, string field, string problem, long? line) =>
        line is null
            ? $"Value-system file {file}: {field}: {problem}"
            : $"Value-system file {file}, line {line}: {field}: {problem}";
}
