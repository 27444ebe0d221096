using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.Gguf;

/// <summary>The real stories260K model; expected values come from shared/models/README.md.</summary>
public class GgufReaderStoriesTests
{
    private static readonly string ModelPath = SharedFolder.File("models", "stories260K.gguf");

    [Fact]
    public void Header_and_counts_match_the_readme()
    {
        var file = GgufReader.Read(ModelPath);

        Assert.Equal(3u, file.Version);
        Assert.Equal(48, file.TensorCount);
        Assert.Equal(19, file.Metadata.Count);
        Assert.Equal(1_185_376, file.FileSize);
        Assert.All(file.Tensors, t => Assert.Equal(GgmlType.F32, t.Type));
        Assert.Equal(292_800UL, file.ParameterCount);
    }

    [Fact]
    public void Summary_matches_the_readme()
    {
        var summary = GgufReader.Read(ModelPath).Summarize();

        Assert.Equal("llama", summary.Architecture);
        Assert.Equal(5UL, summary.BlockCount);
        Assert.Equal(64UL, summary.EmbeddingLength);
        Assert.Equal(172UL, summary.FeedForwardLength);
        Assert.Equal(8UL, summary.HeadCount);
        Assert.Equal(4UL, summary.HeadCountKv);
        Assert.Equal(8UL, summary.KeyLength);
        Assert.Equal(2048UL, summary.ContextLength);
        Assert.Equal(512, summary.VocabularySize);
        Assert.Equal("llama", summary.TokenizerModel);
        Assert.Equal(292_800UL, summary.ParameterCount);
        Assert.Equal(48, summary.TensorCount);
        Assert.Equal(GgmlType.F32, summary.DominantTensorType);
        Assert.Equal(1_185_376, summary.FileSizeBytes);
    }

    [Fact]
    public void Vocabulary_starts_with_the_sentencepiece_specials()
    {
        var tokens = (string[])GgufReader.Read(ModelPath).Metadata["tokenizer.ggml.tokens"].Value;

        Assert.Equal(["<unk>", "<s>", "</s>"], tokens[..3]);
    }

    [Fact]
    public void Tensor_infos_have_llama_names_shapes_and_aligned_offsets()
    {
        var file = GgufReader.Read(ModelPath);
        var byName = file.Tensors.ToDictionary(t => t.Name);

        Assert.Equal([64UL, 512UL], byName["token_embd.weight"].Dimensions);
        Assert.Equal([64UL, 32UL], byName["blk.0.attn_k.weight"].Dimensions); // 4 KV heads × 8
        Assert.Equal([172UL, 64UL], byName["blk.4.ffn_down.weight"].Dimensions);
        Assert.All(file.Tensors, t => Assert.Equal(0UL, t.Offset % file.Alignment));
        var last = file.Tensors.MaxBy(t => t.Offset)!;
        Assert.True(file.DataOffset + (long)last.Offset + (long)last.ByteSize!.Value <= file.FileSize);
    }

    [Fact]
    public void Memory_estimate_adds_the_kv_cache_by_the_documented_formula()
    {
        var summary = GgufReader.Read(ModelPath).Summarize();

        var estimate = GgufMemoryEstimate.For(summary, contextSize: 2048);

        // 2 (K and V) × 5 layers × 2048 positions × (4 KV heads × 8) × 2 bytes (F16)
        Assert.Equal(2L * 5 * 2048 * 32 * 2, estimate.KvCacheBytes);
        Assert.Equal(1_185_376 + 1_310_720, estimate.TotalBytes);
        Assert.Equal(estimate.KvCacheBytes / 4, GgufMemoryEstimate.For(summary, contextSize: 512).KvCacheBytes);
        Assert.Equal(2048UL, GgufMemoryEstimate.For(summary).ContextSize);
    }
}
