namespace ValueAlign.Core.Inference.Gguf;

/// <summary>
/// Shape of a synthetic LLaVA-style multimodal projector (a small CLIP vision tower plus a two-layer
/// MLP into the language model's embedding space) written by <see cref="SyntheticProjectorModel"/>.
/// </summary>
/// <param name="TextEmbeddingLength">The paired language model's embedding width; libmtmd refuses a projector whose output width differs.</param>
public sealed record SyntheticProjectorConfig(
    int ImageSize,
    int PatchSize,
    int EmbeddingLength,
    int BlockCount,
    int HeadCount,
    int FeedForwardLength,
    int ProjectorHiddenLength,
    int TextEmbeddingLength,
    int Seed)
{
    /// <summary>
    /// The projector for <see cref="SyntheticLlamaConfig.Tiny"/>: 224-pixel images in 16-pixel
    /// patches (14 × 14 = 196 image tokens), vision width 64, 2 blocks of 4 heads, FFN 128, MLP
    /// hidden 128, output 64.
    /// </summary>
    public static SyntheticProjectorConfig TinyFor(SyntheticLlamaConfig text) =>
        new(ImageSize: 224, PatchSize: 16, EmbeddingLength: 64, BlockCount: 2, HeadCount: 4, FeedForwardLength: 128,
            ProjectorHiddenLength: 128, TextEmbeddingLength: text.EmbeddingLength, Seed: text.Seed + 1);

    public int PatchesPerSide => ImageSize / PatchSize;

    /// <summary>Tokens one image becomes in the language model's context (one per patch; a LLaVA MLP projector keeps them all).</summary>
    public int ImageTokens => PatchesPerSide * PatchesPerSide;

    /// <summary>Throws <see cref="ArgumentException"/> for shapes libmtmd cannot run.</summary>
    public void Validate()
    {
        if (ImageSize <= 0 || PatchSize <= 0 || EmbeddingLength <= 0 || BlockCount <= 0 || HeadCount <= 0
            || FeedForwardLength <= 0 || ProjectorHiddenLength <= 0 || TextEmbeddingLength <= 0)
        {
            throw new ArgumentException("All sizes must be positive.");
        }
        if (ImageSize % PatchSize != 0)
        {
            throw new ArgumentException($"ImageSize {ImageSize} must be a multiple of PatchSize {PatchSize}.");
        }
        if (EmbeddingLength % HeadCount != 0)
        {
            throw new ArgumentException($"EmbeddingLength {EmbeddingLength} must be divisible by HeadCount {HeadCount}.");
        }
        // The clip loader swaps ffn_up and ffn_down of LLaVA projectors whose down matrix has the
        // embedding width as input (old conversions wrote them swapped); equal widths would be ambiguous.
        if (FeedForwardLength == EmbeddingLength)
        {
            throw new ArgumentException("FeedForwardLength must differ from EmbeddingLength.");
        }
    }
}
