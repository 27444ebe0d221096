using System.Text;

namespace ValueAlign.Core.Benchmarks.Importers;

/// <summary>What format detection looks at: the extension and the first line of the file.</summary>
public sealed record FileSniff(string Path, string Extension, string FirstLine, string Head)
{
    public static FileSniff Of(string path)
    {
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        var first = "";
        var head = "";
        if (extension != ".parquet")
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[16 * 1024];
            var n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var text = Encoding.UTF8.GetString(buffer, 0, n).TrimStart('\uFEFF');
            head = text;
            var end = text.IndexOf('\n');
            first = (end < 0 ? text : text[..end]).TrimEnd('\r');
        }
        return new FileSniff(path, extension, first, head);
    }

    /// <summary>True when the first 16 KiB contain this text.</summary>
    public bool HeadContains(string text) => Head.Contains(text, StringComparison.Ordinal);

    public bool HeaderStartsWith(string prefix) => FirstLine.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>True when the first line names every one of these keys as JSON properties.</summary>
    public bool JsonLineHas(params string[] keys) =>
        FirstLine.StartsWith('{') && keys.All(k => FirstLine.Contains($"\"{k}\"", StringComparison.Ordinal));
}
