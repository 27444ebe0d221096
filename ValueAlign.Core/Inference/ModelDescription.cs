namespace ValueAlign.Core.Inference;

/// <summary>What a caller may want to know about a loaded model.</summary>
public sealed record ModelDescription(
    string Name,
    string Path,
    int VocabularySize,
    int EmbeddingSize,
    int ContextSize,
    long ParameterCount,
    bool HasChatTemplate)
{
    /// <summary>The multimodal projector loaded with the model (its images reach the model), or null for a text-only model.</summary>
    public string? ProjectorPath { get; init; }
}
