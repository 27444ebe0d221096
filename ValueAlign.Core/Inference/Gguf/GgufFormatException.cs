namespace ValueAlign.Core.Inference.Gguf;

/// <summary>A file that is not a usable GGUF model. The message names the file and what is wrong.</summary>
public sealed class GgufFormatException : Exception
{
    public GgufFormatException(string filePath, string problem)
        : base($"{filePath}: {problem}")
    {
        FilePath = filePath;
        Problem = problem;
    }

    public string FilePath { get; }

    /// <summary>The message without the file name.</summary>
    public string Problem { get; }
}
