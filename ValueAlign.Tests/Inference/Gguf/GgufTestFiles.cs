using System.Text;
using ValueAlign.Core.Inference.Gguf;

namespace ValueAlign.Tests.Inference.Gguf;

/// <summary>GGUF files that tests write and then damage on purpose.</summary>
internal static class GgufTestFiles
{
    public static string WriteTiny(string path)
    {
        SyntheticLlamaModel.WriteFile(path, SyntheticLlamaConfig.Tiny);
        return path;
    }

    /// <summary>The Tiny model with one metadata key left out.</summary>
    public static string WriteTinyWithout(string path, string key)
    {
        var config = SyntheticLlamaConfig.Tiny;
        var metadata = SyntheticLlamaModel.Metadata(config).Where(kv => kv.Key != key).ToList();
        GgufWriter.WriteFile(path, metadata, SyntheticLlamaModel.Tensors(config));
        return path;
    }

    /// <summary>Offset of the first occurrence of <paramref name="text"/> (UTF-8) in the file.</summary>
    public static long OffsetOf(byte[] bytes, string text)
    {
        var index = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text));
        Assert.True(index >= 0, $"'{text}' not found in the test file");
        return index;
    }

    public static string Truncate(string source, string target, long length)
    {
        var bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(target, bytes.AsSpan(0, (int)length).ToArray());
        return target;
    }

    public static string Patch(string source, string target, long offset, byte[] replacement)
    {
        var bytes = File.ReadAllBytes(source);
        replacement.CopyTo(bytes, offset);
        File.WriteAllBytes(target, bytes);
        return target;
    }
}
