namespace ValueAlign.Core.Inference;

/// <summary>A model file could not be loaded; the message names the file and what is wrong.</summary>
public class ModelLoadException(string path, string message, Exception? inner = null)
    : Exception($"{path}: {message}", inner)
{
    public string ModelPath { get; } = path;
}
