using System.Globalization;

namespace ValueAlign.Core.Inference;

/// <summary>
/// Memory of llama.cpp's KV cache: keys and values (f16, 2 bytes each) for every layer and
/// every context cell. Heads share keys/values under grouped-query attention, hence head_count_kv.
/// </summary>
public static class KvCacheEstimate
{
    public static long Bytes(int layers, int embeddingLength, int headCount, int headCountKv, int contextSize)
    {
        if (headCount <= 0)
        {
            return 0;
        }
        var kvWidth = (long)embeddingLength / headCount * headCountKv;
        return 2L * 2L * layers * kvWidth * contextSize;
    }

    /// <summary>The estimate from GGUF metadata keys (<c>&lt;arch&gt;.block_count</c> etc.); 0 when they are missing.</summary>
    public static long FromMetadata(IReadOnlyDictionary<string, string> metadata, int contextSize)
    {
        if (!metadata.TryGetValue("general.architecture", out var arch))
        {
            return 0;
        }
        int Read(string key, int fallback) =>
            metadata.TryGetValue($"{arch}.{key}", out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;
        var heads = Read("attention.head_count", 0);
        return Bytes(Read("block_count", 0), Read("embedding_length", 0), heads, Read("attention.head_count_kv", heads), contextSize);
    }
}
