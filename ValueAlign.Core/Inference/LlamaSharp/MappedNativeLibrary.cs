namespace ValueAlign.Core.Inference.LlamaSharp;

/// <summary>
/// Finds a native library that is already mapped into this process by its file name's stem, read
/// from <c>/proc/self/maps</c> (Linux). Binding a loaded library by its full path works whatever
/// name the loader gave it: a llama.cpp built with CMake's defaults links <c>libggml-cpu.so.0</c>
/// (a versioned soname), so asking the loader for <c>libggml-cpu.so</c> by name finds nothing,
/// while the package's build is linked under exactly that name.
/// </summary>
internal static class MappedNativeLibrary
{
    private const string Maps = "/proc/self/maps";

    /// <summary>
    /// The full path of the first mapped file named <paramref name="stem"/> followed by '.'
    /// (<c>libllama.so</c>, <c>libggml-cpu.so.0.17.0</c>), or by '-' when
    /// <paramref name="variants"/> (ggml's per-CPU backends: <c>libggml-cpu-icelake.so</c>);
    /// null when none is mapped or the process map cannot be read.
    /// </summary>
    public static string? Find(string stem, bool variants = false) =>
        File.Exists(Maps) ? Find(File.ReadLines(Maps), stem, variants) : null;

    internal static string? Find(IEnumerable<string> mapLines, string stem, bool variants)
    {
        foreach (var line in mapLines)
        {
            var slash = line.IndexOf('/');
            if (slash < 0)
            {
                continue;
            }
            var name = Path.GetFileName(line.AsSpan(slash));
            if (name.Length > stem.Length
                && name.StartsWith(stem, StringComparison.Ordinal)
                && (name[stem.Length] == '.' || (variants && name[stem.Length] == '-')))
            {
                return line[slash..];
            }
        }
        return null;
    }
}
