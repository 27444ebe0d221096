using System.Runtime.InteropServices;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace ValueAlign.Core.Inference.LlamaSharp;

/// <summary>
/// Configures LLamaSharp's native library once per process, before the first native call: which
/// library to load (the backend package's build for this CPU's AVX level, a chosen level, or a
/// llama.cpp library the user built for the machine; see <see cref="ModelRuntimeOptions.NativeLibraryPath"/>)
/// and routes llama.cpp's log into ILogger. LLamaSharp freezes that configuration at the first
/// native call; if that already happened elsewhere in the process, the log callback is set on the
/// loaded library instead, and a library choice that can no longer be honoured is reported.
/// </summary>
internal static class LlamaNativeSetup
{
    private static readonly Lock Gate = new();
    private static bool configured;
    private static string? appliedChoice;
    private static ILogger? logger;

    public static void EnsureConfigured(ILogger? log, ModelRuntimeOptions? options = null)
    {
        lock (Gate)
        {
            logger ??= log;
            var choice = Describe(options);
            if (configured)
            {
                if (choice != appliedChoice && choice != "auto")
                {
                    throw new InvalidOperationException(
                        $"llama.cpp is already loaded in this process ({appliedChoice}); the native library setting ({choice}) takes effect after a restart.");
                }
                return;
            }
            if (options?.NativeLibraryPath is { } userLibrary && !NativeLibraryConfig.LLama.LibraryHasLoaded)
            {
                // Before anything is configured, so a refused library leaves the process free to load another.
                CheckMatchesLlamaSharp(userLibrary);
            }
            configured = true;
            if (NativeLibraryConfig.LLama.LibraryHasLoaded)
            {
                // Something touched llama.cpp first (a tool, another library in the process): the
                // configuration is frozen, but the log callback can still be set on the loaded library.
                appliedChoice = "loaded before configuration";
                NativeLogConfig.llama_log_set(Forward);
                if (choice != "auto")
                {
                    throw new InvalidOperationException(
                        $"llama.cpp was loaded before the native library setting ({choice}) could be applied; it takes effect after a restart.");
                }
                return;
            }
            appliedChoice = choice;
            var all = NativeLibraryConfig.All.WithLogCallback(Forward);
            if (options?.NativeLibraryPath is { } library)
            {
                var mtmd = Path.Combine(Path.GetDirectoryName(library)!, MtmdFileName(library));
                all.WithLibrary(library, File.Exists(mtmd) ? mtmd : null);
            }
            else if (options is not null && options.NativeAvxLevel != "auto")
            {
                all.WithAvx(options.NativeAvxLevel switch
                {
                    "none" => AvxLevel.None,
                    "avx" => AvxLevel.Avx,
                    "avx2" => AvxLevel.Avx2,
                    _ => AvxLevel.Avx512,
                });
            }
        }
    }

    /// <summary>
    /// Refuses a libllama that does not speak the interface of the llama.cpp LLamaSharp was built
    /// against (see <see cref="LlamaLibraryAbi"/>): it would load, then run with misread settings.
    /// </summary>
    private static void CheckMatchesLlamaSharp(string library)
    {
        IntPtr handle;
        try
        {
            handle = NativeLibrary.Load(library);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new InvalidOperationException($"The llama.cpp library {library} could not be loaded: {e.Message}", e);
        }
        // A library that matches stays loaded: LLamaSharp's load of the same path gets this handle.
        var problems = LlamaLibraryAbi.Problems(handle);
        if (problems.Count > 0)
        {
            NativeLibrary.Free(handle);
            throw new InvalidOperationException(
                $"The llama.cpp library {library} does not match the llama.cpp LLamaSharp 0.30.0 binds (commit {LlamaLibraryAbi.LlamaCppCommit}): "
                + string.Join("; ", problems.Take(8)) + (problems.Count > 8 ? $"; and {problems.Count - 8} more" : "")
                + ". Build llama.cpp at that commit, or pair the package's libllama.so with a ggml built for this CPU (docs/performance.md), or remove Models:NativeLibraryPath.");
        }
    }

    private static string Describe(ModelRuntimeOptions? options) => options switch
    {
        { NativeLibraryPath: { } path } => $"library {path}",
        { NativeAvxLevel: not "auto" } => $"{options.NativeAvxLevel} build",
        _ => "auto",
    };

    /// <summary>libllama.so → libmtmd.so (the same prefix and extension).</summary>
    private static string MtmdFileName(string llamaLibrary)
    {
        var name = Path.GetFileName(llamaLibrary);
        var at = name.IndexOf("llama", StringComparison.Ordinal);
        return at < 0 ? "libmtmd.so" : string.Concat(name.AsSpan(0, at), "mtmd", name.AsSpan(at + "llama".Length));
    }

    private static void Forward(LLamaLogLevel level, string message)
    {
        // llama.cpp continues a line with the Continue level (progress dots); they carry nothing on their own.
        if (level is LLamaLogLevel.Continue or LLamaLogLevel.None || logger is null)
        {
            return;
        }
        var mapped = level switch
        {
            LLamaLogLevel.Error => LogLevel.Error,
            LLamaLogLevel.Warning => LogLevel.Warning,
            _ => LogLevel.Debug,
        };
        if (logger.IsEnabled(mapped))
        {
            logger.Log(mapped, "llama.cpp: {Message}", message.TrimEnd());
        }
    }
}
