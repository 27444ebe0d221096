using LLama.Native;
using Microsoft.Extensions.Logging;

namespace ValueAlign.Core.Inference.LlamaSharp;

/// <summary>
/// Routes llama.cpp's log into ILogger. LLamaSharp freezes its native configuration at the first
/// native call; if that already happened elsewhere in the process, the callback is set on the
/// loaded library instead, so loading a model never fails over logging.
/// </summary>
internal static class LlamaNativeSetup
{
    private static readonly Lock Gate = new();
    private static bool configured;
    private static ILogger? logger;

    public static void EnsureConfigured(ILogger? log)
    {
        lock (Gate)
        {
            logger ??= log;
            if (configured)
            {
                return;
            }
            configured = true;
            if (NativeLibraryConfig.LLama.LibraryHasLoaded)
            {
                // Something touched llama.cpp first (a tool, another library in the process): the
                // configuration is frozen, but the log callback can still be set on the loaded library.
                NativeLogConfig.llama_log_set(Forward);
            }
            else
            {
                NativeLibraryConfig.All.WithLogCallback(Forward);
            }
        }
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
