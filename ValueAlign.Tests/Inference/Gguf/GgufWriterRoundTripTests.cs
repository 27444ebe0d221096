using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.Gguf;

public class GgufWriterRoundTripTests
{
    [Fact]
    public void Every_metadata_key_and_tensor_info_reads_back_equal()
    {
        using var dir = new TempDirectory();
        var config = SyntheticLlamaConfig.Tiny;
        var path = GgufTestFiles.WriteTiny(dir.File("tiny.gguf"));

        var file = GgufReader.Read(path);

        var written = SyntheticLlamaModel.Metadata(config);
        Assert.Equal(written.Select(kv => kv.Key), file.MetadataInOrder.Select(kv => kv.Key));
        foreach (var (key, value) in written)
        {
            Assert.True(value.ValueEquals(file.Metadata[key]), $"metadata '{key}' differs: wrote {value}, read {file.Metadata[key]}");
        }
        var tensors = SyntheticLlamaModel.Tensors(config);
        Assert.Equal(tensors.Select(t => t.Name), file.Tensors.Select(t => t.Name));
        ulong expectedOffset = 0;
        for (var i = 0; i < tensors.Count; i++)
        {
            Assert.Equal(tensors[i].Dimensions, file.Tensors[i].Dimensions);
            Assert.Equal(tensors[i].Type, file.Tensors[i].Type);
            Assert.Equal(expectedOffset, file.Tensors[i].Offset);
            expectedOffset += (tensors[i].ByteSize + 31) / 32 * 32;
        }
        Assert.Equal(3u, file.Version);
        Assert.Equal(32u, file.Alignment);
        Assert.Equal(0, file.DataOffset % 32);
        Assert.Equal(file.DataOffset + (long)expectedOffset, file.FileSize);
    }

    [Fact]
    public void Tiny_summary_reports_the_configured_shape()
    {
        using var dir = new TempDirectory();
        var summary = GgufReader.Read(GgufTestFiles.WriteTiny(dir.File("tiny.gguf"))).Summarize();

        Assert.Equal("llama", summary.Architecture);
        Assert.Equal(106_816UL, summary.ParameterCount);
        Assert.Equal(SyntheticLlamaConfig.Tiny.ParameterCount, summary.ParameterCount);
        Assert.Equal(512UL, summary.ContextLength);
        Assert.Equal(64UL, summary.EmbeddingLength);
        Assert.Equal(2UL, summary.BlockCount);
        Assert.Equal(4UL, summary.HeadCount);
        Assert.Equal(2UL, summary.HeadCountKv);
        Assert.Equal(128UL, summary.FeedForwardLength);
        Assert.Equal(512, summary.VocabularySize);
        Assert.Equal("F32", summary.FileType);
        Assert.Equal("F32", summary.Quantization);
        Assert.Equal(SyntheticLlamaModel.ChatTemplate, summary.ChatTemplate);
        Assert.Equal("synthetic-llama-106816", summary.Name);
        Assert.InRange(summary.FileSizeBytes, 300_000, 600_000);
    }

    [Fact]
    public void Same_seed_writes_identical_bytes_and_another_seed_different_weights()
    {
        using var dir = new TempDirectory();
        var a = GgufTestFiles.WriteTiny(dir.File("a.gguf"));
        var b = GgufTestFiles.WriteTiny(dir.File("b.gguf"));
        var c = dir.File("c.gguf");
        SyntheticLlamaModel.WriteFile(c, SyntheticLlamaConfig.Tiny with { Seed = 99 });

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(c));
    }

    [Fact]
    public void About20M_preset_has_about_twenty_million_parameters()
    {
        Assert.Equal(20_848_512UL, SyntheticLlamaConfig.About20M.ParameterCount);
        Assert.Equal(SyntheticLlamaConfig.About20M.ParameterCount,
            SyntheticLlamaModel.Tensors(SyntheticLlamaConfig.About20M).Aggregate(0UL, (sum, t) => sum + t.ElementCount));
    }

    [Fact]
    public void Weights_are_seeded_normals_with_the_documented_scale_and_norms_are_one()
    {
        var tensors = SyntheticLlamaModel.Tensors(SyntheticLlamaConfig.Tiny);
        var embedding = ReadFloats(tensors.Single(t => t.Name == "token_embd.weight"));
        var norm = ReadFloats(tensors.Single(t => t.Name == "output_norm.weight"));

        var mean = embedding.Average();
        var sd = Math.Sqrt(embedding.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, -0.001, 0.001); // 32768 draws: standard error 0.02/181 ≈ 0.00011
        Assert.InRange(sd, 0.019, 0.021);
        Assert.All(norm, v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Vocabulary_has_specials_all_bytes_and_distinct_pieces()
    {
        var vocabulary = SyntheticVocabulary.Create(512);

        Assert.Equal(512, vocabulary.Tokens.Count);
        Assert.Equal(["<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"], vocabulary.Tokens.Take(5));
        Assert.Equal("<0x00>", vocabulary.Tokens[5]);
        Assert.Equal("<0xFF>", vocabulary.Tokens[260]);
        Assert.Contains("\u2581the", vocabulary.Tokens);
        Assert.Equal(vocabulary.Tokens.Count, vocabulary.Tokens.Distinct().Count());
        Assert.Equal(32000, SyntheticVocabulary.Create(32000).Tokens.Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticVocabulary.Create(100));
    }

    [Fact]
    public void Writer_and_reader_honour_a_custom_alignment()
    {
        using var dir = new TempDirectory();
        var path = dir.File("align64.gguf");
        var metadata = SyntheticLlamaModel.Metadata(SyntheticLlamaConfig.Tiny)
            .Select(kv => kv.Key == "general.alignment" ? new KeyValuePair<string, GgufValue>(kv.Key, GgufValue.Of(64u)) : kv)
            .ToList();
        GgufWriter.WriteFile(path, metadata, SyntheticLlamaModel.Tensors(SyntheticLlamaConfig.Tiny));

        var file = GgufReader.Read(path);

        Assert.Equal(64u, file.Alignment);
        Assert.Equal(0, file.DataOffset % 64);
        Assert.All(file.Tensors, t => Assert.Equal(0UL, t.Offset % 64));
        Assert.Throws<ArgumentException>(() => GgufWriter.Write(new MemoryStream(), [new("general.alignment", GgufValue.Of(3u))], []));
    }

    [Fact]
    public void Writer_rejects_data_callbacks_that_write_the_wrong_size()
    {
        var tensor = new GgufTensorToWrite("bad", [4], GgmlType.F32, s => s.Write(new byte[15]));

        var error = Assert.Throws<InvalidOperationException>(() =>
            GgufWriter.Write(new MemoryStream(), [new("general.architecture", GgufValue.Of("llama"))], [tensor]));
        Assert.Contains("'bad' wrote 15 bytes", error.Message);
    }

    [Fact]
    public void A_failed_write_leaves_no_file_behind()
    {
        using var dir = new TempDirectory();
        var path = dir.File("broken.gguf");
        var tensor = new GgufTensorToWrite("bad", [4], GgmlType.F32, s => s.Write(new byte[3]));

        Assert.Throws<InvalidOperationException>(() => GgufWriter.WriteFile(path, [], [tensor]));

        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void All_scalar_and_array_types_round_trip()
    {
        List<KeyValuePair<string, GgufValue>> metadata =
        [
            new("u8", GgufValue.Scalar(GgufValueType.UInt8, (byte)200)),
            new("i8", GgufValue.Scalar(GgufValueType.Int8, (sbyte)-5)),
            new("u16", GgufValue.Scalar(GgufValueType.UInt16, (ushort)65000)),
            new("i16", GgufValue.Scalar(GgufValueType.Int16, (short)-30000)),
            new("u32", GgufValue.Of(4_000_000_000u)),
            new("i32", GgufValue.Of(-2_000_000_000)),
            new("f32", GgufValue.Of(1.5f)),
            new("bool", GgufValue.Of(true)),
            new("str", GgufValue.Of("héllo ▁wörld")),
            new("u64", GgufValue.Of(ulong.MaxValue)),
            new("i64", GgufValue.Scalar(GgufValueType.Int64, long.MinValue)),
            new("f64", GgufValue.Scalar(GgufValueType.Float64, Math.PI)),
            new("strings", GgufValue.Of(["a", "", "ü"])),
            new("floats", GgufValue.Of([1f, -2f])),
            new("u64s", GgufValue.Array(GgufValueType.UInt64, new ulong[] { 1, ulong.MaxValue })),
            new("bools", GgufValue.Array(GgufValueType.Bool, new[] { true, false })),
            new("nested", GgufValue.Array(GgufValueType.Array, new[] { GgufValue.Of([1, 2]), GgufValue.Of(["x"]) })),
            new("empty", GgufValue.Array(GgufValueType.Int16, Array.Empty<short>())),
        ];
        using var stream = new MemoryStream();
        GgufWriter.Write(stream, metadata, []);
        stream.Position = 0;

        var file = GgufReader.Read(stream, "memory.gguf");

        Assert.Equal(metadata.Count, file.Metadata.Count);
        foreach (var (key, value) in metadata)
        {
            Assert.True(value.ValueEquals(file.Metadata[key]), $"'{key}': wrote {value}, read {file.Metadata[key]}");
        }
    }

    private static float[] ReadFloats(GgufTensorToWrite tensor)
    {
        using var stream = new MemoryStream();
        tensor.WriteData(stream);
        var bytes = stream.ToArray();
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}
