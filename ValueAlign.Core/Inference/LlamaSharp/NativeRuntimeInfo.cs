using System.Runtime.InteropServices;
using LLama.Native;

namespace ValueAlign.Core.Inference.LlamaSharp;

/// <summary>
/// Which llama.cpp library this process runs and what it was built with: the libllama file
/// actually mapped into the process (read from <c>/proc/self/maps</c> on Linux, so it names the
/// AVX variant or the user's own build), the ggml CPU backend mapped beside it (where the kernels
/// run), ggml's version and commit as that build reports them, and llama.cpp's system-info line
/// (CPU features compiled in and detected, e.g. <c>AVX512 = 1 | LLAMAFILE = 1 | OPENMP = 1</c>).
/// </summary>
public sealed record NativeRuntimeInfo(string Library, string CpuBackend, string GgmlVersion, string SystemInfo)
{
    private const string NotMapped = "(not found in the process map)";

    /// <summary>Reads the figures; llama.cpp must already be loaded (a model was loaded in this process).</summary>
    public static NativeRuntimeInfo Read()
    {
        var library = MappedNativeLibrary.Find("libllama") ?? NotMapped;
        var cpuBackend = MappedNativeLibrary.Find("libggml-cpu", variants: true) ?? NotMapped;
        var info = Marshal.PtrToStringUTF8(NativeApi.llama_print_system_info()) ?? "";
        return new NativeRuntimeInfo(library, cpuBackend, ReadGgmlVersion(), info.Trim());
    }

    /// <summary>"0.17.0 (commit 964a1a5)" from libggml-base's ggml_version and ggml_commit, or "unknown".</summary>
    private static string ReadGgmlVersion()
    {
        if (MappedNativeLibrary.Find("libggml-base") is not { } path || !NativeLibrary.TryLoad(path, out var handle))
        {
            return "unknown";
        }
        var version = Call(handle, "ggml_version");
        var commit = Call(handle, "ggml_commit");
        NativeLibrary.Free(handle); // the load above only added a reference to the mapped library
        return version is null ? "unknown" : commit is null ? version : $"{version} (commit {commit})";
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr StringFn();

    private static string? Call(IntPtr library, string export) =>
        NativeLibrary.TryGetExport(library, export, out var function)
            ? Marshal.PtrToStringUTF8(Marshal.GetDelegateForFunctionPointer<StringFn>(function)())
            : null;
}
