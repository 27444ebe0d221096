using System.Text.Json;
using Parquet;
using Parquet.Serialization;
using ValueAlign.Core.Methods.LongMab;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Methods.LongMab;

/// <summary>Exports read back: JSON lines with exactly prompt/chosen/rejected, the metadata sidecar, and Parquet with its key-value metadata.</summary>
public class PreferenceDataWriterTests
{
    private static readonly PreferencePair[] Pairs =
    [
        new("Read the passages…\nQuestion: Who?", "Answer: Marta Quell", "Answer: unknown", 1, 3, 1, 0),
        new("第二个问题？ \"quoted\"", "好\n答案", "坏", 2, 5, 0.9, 0.1),
    ];

    private static readonly PreferenceDataMetadata Metadata = new(
        "longmab-po", "stories260K.gguf", "sha256:270cba1b", "abc123", "{\"rounds\":4}", 7, 2, VerifiedOnly: true,
        new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Fact]
    public async Task Jsonl_rows_have_exactly_the_three_trainer_keys_and_a_metadata_sidecar()
    {
        using var folder = new TempDirectory();
        var path = folder.File("pairs.jsonl");
        await PreferenceDataWriter.WriteJsonlAsync(Pairs, Metadata, path);

        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(2, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var row = JsonDocument.Parse(lines[i]);
            Assert.Equal(["prompt", "chosen", "rejected"], row.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal(Pairs[i].Prompt, row.RootElement.GetProperty("prompt").GetString());
            Assert.Equal(Pairs[i].Chosen, row.RootElement.GetProperty("chosen").GetString());
            Assert.Equal(Pairs[i].Rejected, row.RootElement.GetProperty("rejected").GetString());
        }
        Assert.Contains("第二个问题", lines[1]);

        using var meta = JsonDocument.Parse(await File.ReadAllTextAsync(folder.File("pairs.meta.json")));
        Assert.Equal("abc123", meta.RootElement.GetProperty("config_hash").GetString());
        Assert.Equal("sha256:270cba1b", meta.RootElement.GetProperty("model_identity").GetString());
        Assert.True(meta.RootElement.GetProperty("verified_only").GetBoolean());
        Assert.Equal(2, meta.RootElement.GetProperty("pairs").GetInt32());
    }

    [Fact]
    public async Task Parquet_reads_back_as_three_string_columns_with_the_metadata()
    {
        using var folder = new TempDirectory();
        var path = folder.File("pairs.parquet");
        await PreferenceDataWriter.WriteParquetAsync(Pairs, Metadata, path);

        await using var stream = File.OpenRead(path);
        await using (var reader = await ParquetReader.CreateAsync(stream))
        {
            Assert.Equal(["prompt", "chosen", "rejected"], reader.Schema.GetDataFields().Select(f => f.Name));
            Assert.All(reader.Schema.GetDataFields(), f => Assert.Contains(f.ClrType, new[] { typeof(string), typeof(ReadOnlyMemory<char>) }));
            using var meta = JsonDocument.Parse(reader.CustomMetadata[PreferenceDataWriter.MetadataKey]);
            Assert.Equal("abc123", meta.RootElement.GetProperty("config_hash").GetString());
            Assert.Equal("stories260K.gguf", meta.RootElement.GetProperty("model").GetString());
        }
        stream.Position = 0;
        var rows = (await ParquetSerializer.DeserializeAsync<PreferenceDataWriter.Row>(stream)).Data;
        Assert.Equal(Pairs.Select(p => (p.Prompt, p.Chosen, p.Rejected)), rows.Select(r => (r.Prompt, r.Chosen, r.Rejected)));
    }
}
