namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>A row file that cannot be read, with the file and line (1-based) at fault.</summary>
public sealed class AnnotationFileException(string source, int line, string problem)
    : Exception($"{source}, line {line}: {problem}")
{
    public string FileName { get; } = source;

    public int Line { get; } = line;

    public string Problem { get; } = problem;
}
