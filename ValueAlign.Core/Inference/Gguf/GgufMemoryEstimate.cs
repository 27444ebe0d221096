namespace ValueAlign.Core.Inference.Gguf;

/// <summary>
/// Memory needed to load a model and run it with a given context size:
/// <code>
///   weights  = file size (tensors are loaded as stored; metadata is a rounding error)
///   KV cache = n_layer × n_ctx × (n_head_kv × key_length + n_head_kv × value_length) × bytes per element
///            = 2 × n_layer × n_ctx × n_embd_kv × bytes   when keys and values have equal width
/// </code>
/// with bytes per element 2 for llama.cpp's default F16 cache. Compute scratch buffers
/// (typically tens of MB, growing with batch size) are not included.
/// </summary>
public sealed record GgufMemoryEstimate(long WeightsBytes, long KvCacheBytes, ulong ContextSize)
{
    /// <summary>llama.cpp's default KV cache type is F16.</summary>
    public const int DefaultKvBytesPerElement = 2;

    public long TotalBytes => WeightsBytes + KvCacheBytes;

    /// <param name="contextSize">Tokens of context to allocate; 0 means the model's trained context length.</param>
    public static GgufMemoryEstimate For(GgufModelSummary model, ulong contextSize = 0, int kvBytesPerElement = DefaultKvBytesPerElement)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kvBytesPerElement);
        var nCtx = contextSize == 0 ? model.ContextLength : contextSize;
        var perTokenPerLayer = model.HeadCountKv * (model.KeyLength + model.ValueLength);
        var kv = checked(model.BlockCount * nCtx * perTokenPerLayer * (ulong)kvBytesPerElement);
        return new GgufMemoryEstimate(model.FileSizeBytes, checked((long)kv), nCtx);
    }
}
