namespace ValueAlign.Core.Inference.Gguf;

/// <summary>
/// Shape of a synthetic llama model (random seeded F32 weights) written by <see cref="SyntheticLlamaModel"/>.
/// Output embeddings are tied to the input embeddings (no <c>output.weight</c>), as llama.cpp allows.
/// </summary>
public sealed record SyntheticLlamaConfig(
    int VocabularySize,
    int EmbeddingLength,
    int BlockCount,
    int HeadCount,
    int HeadCountKv,
    int FeedForwardLength,
    int ContextLength,
    int Seed)
{
    /// <summary>
    /// 106,816 parameters, a 0.43 MB file: vocab 512, embedding 64, 2 blocks, 4 heads / 2 KV heads
    /// (head width 16), FFN 128, context 512. Loads and runs in milliseconds.
    /// </summary>
    public static SyntheticLlamaConfig Tiny { get; } = new(512, 64, 2, 4, 2, 128, 512, Seed: 1234);

    /// <summary>
    /// 20,848,512 parameters (≈ 83 MB as F32): vocab 8192, embedding 384, 10 blocks, 6 heads /
    /// 6 KV heads (head width 64), FFN 1024, context 2048. Per block 4·384² attention +
    /// 3·384·1024 FFN + 2·384 norms = 1,770,240; ×10 plus 8192·384 embeddings plus 384 output norm.
    /// Big enough that benchmarks measure real matrix work rather than call overhead.
    /// </summary>
    public static SyntheticLlamaConfig About20M { get; } = new(8192, 384, 10, 6, 6, 1024, 2048, Seed: 1234);

    public int HeadLength => EmbeddingLength / HeadCount;

    /// <summary>Width of the K (and V) projections: KV heads × head width.</summary>
    public int KvLength => HeadCountKv * HeadLength;

    public ulong ParameterCount
    {
        get
        {
            ulong d = (ulong)EmbeddingLength;
            ulong perBlock = d * d * 2 + d * (ulong)KvLength * 2 + 3 * d * (ulong)FeedForwardLength + 2 * d;
            return (ulong)VocabularySize * d + d + perBlock * (ulong)BlockCount;
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> for shapes llama.cpp cannot run.</summary>
    public void Validate()
    {
        if (VocabularySize < SyntheticVocabulary.MinimumSize)
        {
            throw new ArgumentException($"VocabularySize must be at least {SyntheticVocabulary.MinimumSize} (specials, 256 byte tokens and printable ASCII).");
        }
        if (EmbeddingLength <= 0 || BlockCount <= 0 || HeadCount <= 0 || HeadCountKv <= 0 || FeedForwardLength <= 0 || ContextLength <= 0)
        {
            throw new ArgumentException("All sizes must be positive.");
        }
        if (EmbeddingLength % HeadCount != 0)
        {
            throw new ArgumentException($"EmbeddingLength {EmbeddingLength} must be divisible by HeadCount {HeadCount}.");
        }
        if (HeadCount % HeadCountKv != 0)
        {
            throw new ArgumentException($"HeadCount {HeadCount} must be a multiple of HeadCountKv {HeadCountKv}.");
        }
        if (HeadLength % 2 != 0)
        {
            throw new ArgumentException($"The head width {HeadLength} must be even for rotary position embeddings.");
        }
    }
}
