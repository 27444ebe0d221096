using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Parquet;
using Parquet.Serialization;

namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// Writes preference pairs in the layouts DPO trainers read. JSON lines: one
/// <c>{"prompt", "chosen", "rejected"}</c> object a line, TRL's preference format and
/// LLaMA-Factory's ranking layout (its <c>dataset_info.json</c> maps the three columns); the
/// metadata goes to a sidecar <c>&lt;name&gt;.meta.json</c> so the rows stay exactly three keys.
/// Parquet: the same three string columns (a Hugging Face <c>datasets</c> table, loadable with
/// <c>load_dataset("parquet", …)</c>) and the metadata as JSON under the file's key-value
/// metadata key <see cref="MetadataKey"/>.
/// </summary>
public static class PreferenceDataWriter
{
    public const string MetadataKey = "valuealign.preference_data";

    private static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Indented = new(Compact) { WriteIndented = true };

    public sealed class Row
    {
        [JsonPropertyName("prompt")] public string Prompt { get; set; } = "";
        [JsonPropertyName("chosen")] public string Chosen { get; set; } = "";
        [JsonPropertyName("rejected")] public string Rejected { get; set; } = "";
    }

    public static string MetadataPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + ".meta.json");

    public static string MetadataJson(PreferenceDataMetadata metadata) => JsonSerializer.Serialize(metadata, Indented);

    public static async Task WriteJsonlAsync(IEnumerable<PreferencePair> pairs, PreferenceDataMetadata metadata, string path, CancellationToken cancellationToken = default)
    {
        EnsureFolder(path);
        await using (var stream = File.Create(path))
        {
            await WriteJsonlAsync(pairs, stream, cancellationToken);
        }
        await File.WriteAllTextAsync(MetadataPathFor(path), MetadataJson(metadata) + "\n", new UTF8Encoding(false), cancellationToken);
    }

    public static async Task WriteJsonlAsync(IEnumerable<PreferencePair> pairs, Stream stream, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        foreach (var pair in pairs)
        {
            await writer.WriteAsync(JsonSerializer.Serialize(ToRow(pair), Compact).AsMemory(), cancellationToken);
            await writer.WriteAsync('\n');
        }
    }

    public static async Task WriteParquetAsync(IEnumerable<PreferencePair> pairs, PreferenceDataMetadata metadata, string path, CancellationToken cancellationToken = default)
    {
        EnsureFolder(path);
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        await WriteParquetAsync(pairs, metadata, stream, cancellationToken);
    }

    public static async Task WriteParquetAsync(IEnumerable<PreferencePair> pairs, PreferenceDataMetadata metadata, Stream stream, CancellationToken cancellationToken = default)
    {
        var rows = pairs.Select(ToRow).ToList();
        var kv = new Dictionary<string, string> { [MetadataKey] = JsonSerializer.Serialize(metadata, Compact) };
        await ParquetSerializer.SerializeAsync(rows, stream, new ParquetOptions(), kv, cancellationToken);
    }

    private static Row ToRow(PreferencePair pair) => new() { Prompt = pair.Prompt, Chosen = pair.Chosen, Rejected = pair.Rejected };

    private static void EnsureFolder(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
    }
}
