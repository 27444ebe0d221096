using System.Runtime.InteropServices;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace ValueAlign.Core.Inference.LlamaSharp;

/// <summary>
/// The two libmtmd functions LLamaSharp 0.30 does not bind: <c>mtmd_log_set</c> (without it the
/// clip loader prints every tensor to stderr, bypassing llama.cpp's log callback) and
/// <c>mtmd_encode_chunk</c> (the projector's forward pass alone, which the image benchmark times).
/// They are looked up in the libmtmd LLamaSharp already loaded, so both sides use one library.
/// </summary>
internal static class MtmdNative
{
    private const int LevelWarning = 3; // ggml_log_level: NONE 0, DEBUG 1, INFO 2, WARN 3, ERROR 4, CONT 5
    private const int LevelError = 4;

    private static readonly Lock Gate = new();
    private static readonly LogCallback Callback = Forward; // kept alive: native code holds the pointer
    private static IntPtr library;
    private static EncodeChunkFunction? encodeChunk;
    private static ILogger? logger;
    private static bool logsRouted;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void LogCallback(int level, IntPtr text, IntPtr userData);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void LogSetFunction(LogCallback callback, IntPtr userData);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int EncodeChunkFunction(IntPtr context, IntPtr chunk);

    /// <summary>Sends libmtmd's and the clip loader's messages to <paramref name="log"/> (warnings and errors as such, the rest as debug).</summary>
    public static void RouteLogs(ILogger log)
    {
        lock (Gate)
        {
            logger = log;
            if (logsRouted || Library() is not { } handle)
            {
                return;
            }
            foreach (var name in new[] { "mtmd_log_set", "mtmd_helper_log_set" })
            {
                if (NativeLibrary.TryGetExport(handle, name, out var address))
                {
                    Marshal.GetDelegateForFunctionPointer<LogSetFunction>(address)(Callback, IntPtr.Zero);
                }
            }
            logsRouted = true;
        }
    }

    /// <summary>Runs the projector on one image chunk (its output stays inside libmtmd); 0 on success.</summary>
    public static int EncodeChunk(SafeMtmdModelHandle context, IntPtr chunk)
    {
        lock (Gate)
        {
            if (encodeChunk is null)
            {
                var handle = Library() ?? throw new InvalidOperationException("libmtmd is not loaded in this process.");
                encodeChunk = Marshal.GetDelegateForFunctionPointer<EncodeChunkFunction>(NativeLibrary.GetExport(handle, "mtmd_encode_chunk"));
            }
        }
        return encodeChunk(context.DangerousGetHandle(), chunk);
    }

    /// <summary>The libmtmd LLamaSharp loaded (found by its path in the process map on Linux, by name elsewhere).</summary>
    private static IntPtr? Library()
    {
        if (library != IntPtr.Zero)
        {
            return library;
        }
        var path = LoadedLibraryPath("libmtmd");
        if ((path is not null && NativeLibrary.TryLoad(path, out var handle)) || NativeLibrary.TryLoad(OperatingSystem.IsWindows() ? "mtmd.dll" : "libmtmd", out handle))
        {
            library = handle;
            return handle;
        }
        return null;
    }

    private static string? LoadedLibraryPath(string stem)
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

    private static void Forward(int level, IntPtr text, IntPtr userData)
    {
        var message = Marshal.PtrToStringUTF8(text)?.TrimEnd();
        var log = logger;
        if (string.IsNullOrEmpty(message) || log is null)
        {
            return;
        }
        var mapped = level switch
        {
            LevelError => LogLevel.Error,
            LevelWarning => LogLevel.Warning,
            _ => LogLevel.Debug,
        };
        if (log.IsEnabled(mapped))
        {
            log.Log(mapped, "libmtmd: {Message}", message);
        }
    }
}
