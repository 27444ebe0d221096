using System.Buffers.Binary;
using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.Gguf;

/// <summary>Damaged files give the documented message, naming the file and what is wrong.</summary>
public sealed class GgufMalformedFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _good;
    private readonly byte[] _bytes;

    public GgufMalformedFileTests()
    {
        _good = GgufTestFiles.WriteTiny(_dir.File("good.gguf"));
        _bytes = File.ReadAllBytes(_good);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Wrong_magic_names_what_was_found()
    {
        var path = _dir.File("zip.gguf");
        File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0, 1, 2, 3]);

        var error = ReadFails(path);

        Assert.Equal($"{path}: not a GGUF file: expected magic 'GGUF', found 'PK..' (0x504B0304)", error.Message);
    }

    [Fact]
    public void Empty_file_is_not_a_gguf_file()
    {
        var path = _dir.File("empty.gguf");
        File.WriteAllBytes(path, []);

        Assert.Contains("not a GGUF file: expected magic 'GGUF', found an empty file", ReadFails(path).Message);
    }

    [Fact]
    public void Version_99_is_unsupported()
    {
        var path = GgufTestFiles.Patch(_good, _dir.File("v99.gguf"), 4, UInt32(99));

        Assert.Equal($"{path}: unsupported GGUF version 99; this reader supports versions 2 and 3", ReadFails(path).Message);
    }

    [Fact]
    public void Version_1_explains_the_old_format()
    {
        var path = GgufTestFiles.Patch(_good, _dir.File("v1.gguf"), 4, UInt32(1));

        Assert.Contains("unsupported GGUF version 1; this reader supports versions 2 and 3 (version 1 is the pre-2023 format", ReadFails(path).Message);
    }

    [Fact]
    public void Big_endian_file_is_recognised()
    {
        var path = GgufTestFiles.Patch(_good, _dir.File("be.gguf"), 4, [0, 0, 0, 3]);

        Assert.Contains("big-endian GGUF (version 3 stored byte-swapped) is not supported", ReadFails(path).Message);
    }

    [Fact]
    public void Version_2_has_the_same_layout_and_reads()
    {
        var path = GgufTestFiles.Patch(_good, _dir.File("v2.gguf"), 4, UInt32(2));

        var file = GgufReader.Read(path);

        Assert.Equal(2u, file.Version);
        Assert.Equal(106_816UL, file.Summarize().ParameterCount);
    }

    public static TheoryData<string, string> TruncationPoints => new()
    {
        { "magic", "found only 2 byte(s) (0x4747)" },
        { "version", "truncated in header (version) at offset 4: needed 4 more byte(s) but the file ends at 6" },
        { "counts", "truncated in header at offset 16: needed 8 more byte(s) but the file ends at 20" },
        { "key", "truncated in metadata key/value #9 at offset" },
        { "tokens", "truncated in metadata key/value #17 ('tokenizer.ggml.tokens') at offset" },
        { "tensor-info", "truncated in tensor info #18 ('blk.1.ffn_up.weight') at offset" },
        { "data-start", "truncated in tensor data: tensor 'token_embd.weight' needs bytes" },
        { "data-end", "truncated in tensor data: tensor 'blk.1.ffn_down.weight' needs bytes" },
    };

    [Theory]
    [MemberData(nameof(TruncationPoints))]
    public void Truncated_file_says_where_it_ends(string point, string expected)
    {
        var info = GgufReader.Read(_good);
        var length = point switch
        {
            "magic" => 2,
            "version" => 6,
            "counts" => 20,
            "key" => GgufTestFiles.OffsetOf(_bytes, "llama.block_count") + 5,
            "tokens" => GgufTestFiles.OffsetOf(_bytes, "\u2581the") + 2,
            "tensor-info" => GgufTestFiles.OffsetOf(_bytes, "blk.1.ffn_up.weight") + "blk.1.ffn_up.weight".Length + 3,
            "data-start" => info.DataOffset + 10,
            "data-end" => _bytes.Length - 100,
            _ => throw new ArgumentOutOfRangeException(nameof(point)),
        };
        var path = GgufTestFiles.Truncate(_good, _dir.File($"cut-{point}.gguf"), length);

        var error = ReadFails(path);

        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    public static TheoryData<string> RequiredKeys => new(GgufModelSummary.RequiredKeys("llama"));

    [Theory]
    [MemberData(nameof(RequiredKeys))]
    public void Missing_required_key_is_named(string key)
    {
        var path = GgufTestFiles.WriteTinyWithout(_dir.File("missing.gguf"), key);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(path).Summarize());

        Assert.Equal($"{path}: missing required metadata key: '{key}'", error.Message);
    }

    [Fact]
    public void Wrongly_typed_architecture_is_reported()
    {
        var config = SyntheticLlamaConfig.Tiny;
        var metadata = SyntheticLlamaModel.Metadata(config)
            .Select(kv => kv.Key == "general.architecture" ? new KeyValuePair<string, GgufValue>(kv.Key, GgufValue.Of(7u)) : kv)
            .ToList();
        var path = _dir.File("typed.gguf");
        GgufWriter.WriteFile(path, metadata, SyntheticLlamaModel.Tensors(config));

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(path).Summarize());

        Assert.Equal($"{path}: metadata key 'general.architecture' has type UInt32, expected a string", error.Message);
    }

    [Fact]
    public void Absurd_string_length_is_refused_without_allocating_it()
    {
        // Value of general.architecture: key bytes, then uint32 type, then the uint64 string length.
        var lengthOffset = GgufTestFiles.OffsetOf(_bytes, "general.architecture") + "general.architecture".Length + 4;
        var path = GgufTestFiles.Patch(_good, _dir.File("absurd-string.gguf"), lengthOffset, UInt64(0x7FFF_FFFF_FFFFUL));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = ReadFails(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(
            $"{path}: string length 140737488355327 at offset {lengthOffset} in metadata key/value #0 ('general.architecture') is out of range (limit 16777216 bytes)",
            error.Message);
        Assert.True(allocated < 1_000_000, $"reading a corrupt header allocated {allocated} bytes");
    }

    [Fact]
    public void String_length_past_the_end_of_file_is_refused()
    {
        var lengthOffset = GgufTestFiles.OffsetOf(_bytes, "general.architecture") + "general.architecture".Length + 4;
        var path = GgufTestFiles.Patch(_good, _dir.File("long-string.gguf"), lengthOffset, UInt64(10_000_000));

        Assert.Contains("a string of 10000000 bytes runs past the end of the file", ReadFails(path).Message);
    }

    [Fact]
    public void Absurd_array_length_is_refused()
    {
        // tokenizer.ggml.tokens: key, uint32 type (array), uint32 element type, uint64 count.
        var countOffset = GgufTestFiles.OffsetOf(_bytes, "tokenizer.ggml.tokens") + "tokenizer.ggml.tokens".Length + 8;
        var path = GgufTestFiles.Patch(_good, _dir.File("absurd-array.gguf"), countOffset, UInt64(1L << 40));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = ReadFails(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains($"array length 1099511627776 at offset {countOffset} in metadata key/value #17 ('tokenizer.ggml.tokens') is out of range", error.Message);
        Assert.True(allocated < 1_000_000, $"reading a corrupt header allocated {allocated} bytes");
    }

    [Fact]
    public void Absurd_tensor_count_is_refused()
    {
        var path = GgufTestFiles.Patch(_good, _dir.File("tensors.gguf"), 8, UInt64(ulong.MaxValue));

        Assert.Contains("tensor count 18446744073709551615 is out of range", ReadFails(path).Message);
    }

    [Fact]
    public void Unknown_value_type_is_refused()
    {
        var typeOffset = GgufTestFiles.OffsetOf(_bytes, "general.architecture") + "general.architecture".Length;
        var path = GgufTestFiles.Patch(_good, _dir.File("type.gguf"), typeOffset, UInt32(77));

        Assert.Contains($"unknown metadata value type 77 at offset {typeOffset} in metadata key/value #0 ('general.architecture')", ReadFails(path).Message);
    }

    [Fact]
    public void Too_many_tensor_dimensions_are_refused()
    {
        var dimsOffset = GgufTestFiles.OffsetOf(_bytes, "output_norm.weight") + "output_norm.weight".Length;
        var path = GgufTestFiles.Patch(_good, _dir.File("dims.gguf"), dimsOffset, UInt32(9));

        Assert.Contains("tensor 'output_norm.weight' has 9 dimensions; at most 4 are allowed", ReadFails(path).Message);
    }

    [Fact]
    public void Alignment_that_is_not_a_power_of_two_is_refused()
    {
        var valueOffset = GgufTestFiles.OffsetOf(_bytes, "general.alignment") + "general.alignment".Length + 4;
        var path = GgufTestFiles.Patch(_good, _dir.File("align.gguf"), valueOffset, UInt32(3));

        Assert.Equal($"{path}: general.alignment must be a power-of-two uint32, found UInt32 3", ReadFails(path).Message);
    }

    [Fact]
    public void Duplicate_keys_are_refused()
    {
        var path = _dir.File("dup.gguf");
        GgufWriter.WriteFile(path, [new("a", GgufValue.Of(1u)), new("a", GgufValue.Of(2u))], []);

        Assert.Contains("duplicate metadata key 'a' at entry #1", ReadFails(path).Message);
    }

    [Fact]
    public void Missing_file_is_reported_as_such()
    {
        var path = _dir.File("nope.gguf");

        Assert.Equal($"{path}: file not found", ReadFails(path).Message);
    }

    private static GgufFormatException ReadFails(string path) => Assert.Throws<GgufFormatException>(() => GgufReader.Read(path));

    private static byte[] UInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] UInt64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] UInt64(long value) => UInt64((ulong)value);

}
