using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.Gguf;

public class GgufModelSummaryTests
{
    [Theory]
    [InlineData(0u, "F32")]
    [InlineData(1u, "F16")]
    [InlineData(2u, "Q4_0")]
    [InlineData(7u, "Q8_0")]
    [InlineData(15u, "Q4_K_M")]
    [InlineData(17u, "Q5_K_M")]
    [InlineData(18u, "Q6_K")]
    [InlineData(32u, "BF16")]
    [InlineData(99u, "file type 99")]
    public void File_type_numbers_map_to_llama_cpp_names(uint id, string name) => Assert.Equal(name, GgufFileType.Name(id));

    [Theory]
    [InlineData(GgmlType.F32, 10UL, 40UL)]
    [InlineData(GgmlType.F16, 10UL, 20UL)]
    [InlineData(GgmlType.Q8_0, 64UL, 68UL)]    // 2 blocks of 32 × 34 bytes
    [InlineData(GgmlType.Q4_K, 512UL, 288UL)]  // 2 super-blocks of 256 × 144 bytes
    [InlineData(GgmlType.Q6_K, 256UL, 210UL)]
    public void Tensor_byte_sizes_follow_the_block_layouts(GgmlType type, ulong elements, ulong bytes) =>
        Assert.Equal(bytes, GgmlTypeLayout.ByteSize(type, elements));

    [Fact]
    public void Unknown_tensor_types_have_no_size_and_a_numbered_name()
    {
        Assert.Null(GgmlTypeLayout.ByteSize((GgmlType)200, 10));
        Assert.Equal("type 200", GgmlTypeLayout.Name((GgmlType)200));
    }

    [Fact]
    public void Without_a_file_type_the_quantisation_is_the_type_holding_most_parameters()
    {
        using var dir = new TempDirectory();
        var path = dir.File("mixed.gguf");
        var metadata = SyntheticLlamaModel.Metadata(SyntheticLlamaConfig.Tiny).Where(kv => kv.Key != "general.file_type").ToList();
        GgufTensorToWrite[] tensors =
        [
            GgufTensorToWrite.F32("small.weight", [64], () => new float[64]),
            new("big.weight", [32, 8], GgmlType.Q8_0, s => s.Write(new byte[8 * 34])),
        ];
        GgufWriter.WriteFile(path, metadata, tensors);

        var summary = GgufReader.Read(path).Summarize();

        Assert.Null(summary.FileType);
        Assert.Equal(GgmlType.Q8_0, summary.DominantTensorType);
        Assert.Equal("Q8_0", summary.Quantization);
        Assert.Equal(64UL + 256UL, summary.ParameterCount);
    }

    [Fact]
    public void Per_layer_head_counts_use_the_largest_layer()
    {
        using var dir = new TempDirectory();
        var path = dir.File("layers.gguf");
        var metadata = SyntheticLlamaModel.Metadata(SyntheticLlamaConfig.Tiny)
            .Select(kv => kv.Key == "llama.attention.head_count_kv" ? new KeyValuePair<string, GgufValue>(kv.Key, GgufValue.Of([1, 2])) : kv)
            .ToList();
        GgufWriter.WriteFile(path, metadata, []);

        var summary = GgufReader.Read(path).Summarize();

        Assert.Equal(2UL, summary.HeadCountKv);
        Assert.Equal(4UL, summary.HeadCount);
        Assert.Equal(16UL, summary.KeyLength); // 64 / 4 heads
    }

    [Fact]
    public void Missing_name_falls_back_to_the_file_name()
    {
        using var dir = new TempDirectory();
        var path = dir.File("my-model.Q4.gguf");
        GgufWriter.WriteFile(path, SyntheticLlamaModel.Metadata(SyntheticLlamaConfig.Tiny).Where(kv => kv.Key != "general.name").ToList(), []);

        Assert.Equal("my-model.Q4", GgufReader.Read(path).Summarize().Name);
    }

    [Fact]
    public void Memory_estimate_uses_separate_key_and_value_widths()
    {
        var model = new GgufModelSummary
        {
            Architecture = "test",
            Name = "t",
            Version = 3,
            ParameterCount = 0,
            TensorCount = 0,
            ContextLength = 4096,
            EmbeddingLength = 1024,
            BlockCount = 10,
            HeadCount = 16,
            HeadCountKv = 4,
            KeyLength = 192,
            ValueLength = 128,
            DominantTensorType = GgmlType.Q4_K,
            TokenizerModel = "gpt2",
            VocabularySize = 100,
            FileSizeBytes = 1_000_000,
        };

        var estimate = GgufMemoryEstimate.For(model, contextSize: 1000, kvBytesPerElement: 2);

        // 10 layers × 1000 positions × 4 KV heads × (192 + 128) × 2 bytes
        Assert.Equal(10L * 1000 * 4 * 320 * 2, estimate.KvCacheBytes);
        Assert.Equal(1_000_000 + estimate.KvCacheBytes, estimate.TotalBytes);
        Assert.Equal(4096UL, GgufMemoryEstimate.For(model).ContextSize);
        Assert.Equal(estimate.KvCacheBytes * 2, GgufMemoryEstimate.For(model, 1000, kvBytesPerElement: 4).KvCacheBytes);
    }
}
