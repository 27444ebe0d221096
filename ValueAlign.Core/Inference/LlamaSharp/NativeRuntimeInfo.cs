using System.Runtime.InteropServices;
using LLama.Native;

namespace ValueAlign.Core.Inference.LlamaSharp;

/// <summary>
/// Which llama.cpp library this process runs and what it was built with: the file actually mapped
/// into the process (read from <c>/proc/self/maps</c> on Linux, so it names the AVX variant or the
/// user's own build) and llama.cpp's system-info line (CPU features compiled in and detected,
/// e.g. <c>AVX512 = 1 | LLAMAFILE = 1 | OPENMP = 1</c>).
/// </summary>
public sealed record NativeRuntimeInfo(string Library, string SystemInfo)
{
    /// <summary>Reads the figures; llama.cpp must already be loaded (a model was loaded in this process).</summary>
    public static NativeRuntimeInfo Read()
    {
        var library = LoadedLibrary("libllama") ?? "(not found in the process map)";
        var info = Marshal.PtrToStringUTF8(NativeApi.llama_print_system_info()) ?? "";
        return new NativeRuntimeInfo(library, info.Trim());
    }

    private static string? LoadedLibrary(string stem)
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }
        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/');
            if (slash >= 0 && Path.GetFileName(line.AsSpan(slash)).StartsWith(stem, StringComparison.Ordinal))
            {
                return line[slash..];
            }
        }
        return null;
    }
}
