namespace ValueAlign.Core.Benchmarks.Model;

/// <summary>The medium an item is presented in besides its text.</summary>
public enum Modality
{
    Text,
    Image,
    Audio,
}
