using System.Runtime.InteropServices;
using LLama;
using Microsoft.Extensions.Logging;

namespace ValueAlign.Core.Inference.LlamaSharp;

/// <summary>
/// A persistent ggml CPU thread pool attached to one llama.cpp context, as llama-cli and
/// llama-bench attach one. Without it ggml creates and joins its worker threads on every
/// graph compute, i.e. once per generated token, which costs more than the whole forward pass
/// of a small model. LLamaSharp 0.30 does not wrap these calls, so they are bound here from the
/// native libraries LLamaSharp has already loaded (libllama and its dependency libggml-cpu).
/// </summary>
internal sealed class GgmlThreadpool : IDisposable
{
    // ggml_threadpool_params is a 512-entry CPU mask plus a few ints and flags (528 bytes in
    // this llama.cpp); ggml fills it itself through ggml_threadpool_params_init, so only its
    // size matters here, and the buffer is generously larger than the struct.
    private const int ParamsBufferBytes = 4096;

    private static readonly Lazy<NativeCalls?> Calls = new(NativeCalls.TryBind);

    private readonly IntPtr context;
    private IntPtr pool;

    private GgmlThreadpool(IntPtr context, IntPtr pool, int threads)
    {
        this.context = context;
        this.pool = pool;
        Threads = threads;
    }

    /// <summary>Worker threads of the pool (the larger of the context's generation and batch thread counts).</summary>
    public int Threads { get; }

    /// <summary>
    /// Creates a pool sized to the context's thread settings and attaches it, or returns null (with
    /// a log line saying why) when the native library does not export the calls.
    /// </summary>
    public static GgmlThreadpool? TryAttach(LLamaContext llamaContext, ILogger logger)
    {
        var calls = Calls.Value;
        if (calls is null)
        {
            logger.LogInformation("llama.cpp's thread-pool calls were not found in the loaded native library; every decode starts its own threads.");
            return null;
        }
        var context = llamaContext.NativeHandle.DangerousGetHandle();
        var threads = Math.Max(1, Math.Max(calls.Threads(context), calls.ThreadsBatch(context)));
        var parameters = Marshal.AllocHGlobal(ParamsBufferBytes);
        try
        {
            Marshal.Copy(new byte[ParamsBufferBytes], 0, parameters, ParamsBufferBytes);
            calls.ParamsInit(parameters, threads);
            var pool = calls.New(parameters);
            if (pool == IntPtr.Zero)
            {
                logger.LogWarning("ggml could not create a thread pool of {Threads} threads; every decode starts its own threads.", threads);
                return null;
            }
            calls.Attach(context, pool, IntPtr.Zero);
            return new GgmlThreadpool(context, pool, threads);
        }
        finally
        {
            Marshal.FreeHGlobal(parameters);
        }
    }

    /// <summary>Detaches the pool from its context and frees it; call before the context is disposed.</summary>
    public void Dispose()
    {
        if (pool == IntPtr.Zero)
        {
            return;
        }
        var calls = Calls.Value!;
        calls.Detach(context);
        calls.Free(pool);
        pool = IntPtr.Zero;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void ParamsInitFn(IntPtr parameters, int threads);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr NewFn(IntPtr parameters);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void FreeFn(IntPtr pool);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void AttachFn(IntPtr context, IntPtr pool, IntPtr batchPool);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void DetachFn(IntPtr context);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int ThreadsFn(IntPtr context);

    private sealed record NativeCalls(
        ParamsInitFn ParamsInit, NewFn New, FreeFn Free, AttachFn Attach, DetachFn Detach, ThreadsFn Threads, ThreadsFn ThreadsBatch)
    {
        /// <summary>
        /// Binds the calls from the already loaded libraries: by the path they are mapped from where
        /// the process map can be read (a user's build links the versioned <c>libggml-cpu.so.0</c>,
        /// which a load by the plain name would not find), else by their names, which the loader
        /// matches to loaded objects.
        /// </summary>
        public static NativeCalls? TryBind()
        {
            if (!TryLoad([MappedNativeLibrary.Find("libggml-cpu", variants: true), "libggml-cpu.so", "ggml-cpu.dll", "libggml-cpu.dylib"], out var ggmlCpu)
                || !TryLoad([MappedNativeLibrary.Find("libllama"), "libllama.so", "llama.dll", "libllama.dylib"], out var llama))
            {
                return null;
            }
            if (!NativeLibrary.TryGetExport(ggmlCpu, "ggml_threadpool_params_init", out var paramsInit)
                || !NativeLibrary.TryGetExport(ggmlCpu, "ggml_threadpool_new", out var create)
                || !NativeLibrary.TryGetExport(ggmlCpu, "ggml_threadpool_free", out var free)
                || !NativeLibrary.TryGetExport(llama, "llama_attach_threadpool", out var attach)
                || !NativeLibrary.TryGetExport(llama, "llama_detach_threadpool", out var detach)
                || !NativeLibrary.TryGetExport(llama, "llama_n_threads", out var threads)
                || !NativeLibrary.TryGetExport(llama, "llama_n_threads_batch", out var threadsBatch))
            {
                return null;
            }
            return new NativeCalls(
                Marshal.GetDelegateForFunctionPointer<ParamsInitFn>(paramsInit),
                Marshal.GetDelegateForFunctionPointer<NewFn>(create),
                Marshal.GetDelegateForFunctionPointer<FreeFn>(free),
                Marshal.GetDelegateForFunctionPointer<AttachFn>(attach),
                Marshal.GetDelegateForFunctionPointer<DetachFn>(detach),
                Marshal.GetDelegateForFunctionPointer<ThreadsFn>(threads),
                Marshal.GetDelegateForFunctionPointer<ThreadsFn>(threadsBatch));
        }

        private static bool TryLoad(string?[] names, out IntPtr handle)
        {
            foreach (var name in names)
            {
                if (name is not null && NativeLibrary.TryLoad(name, out handle))
                {
                    return true;
                }
            }
            handle = IntPtr.Zero;
            return false;
        }
    }
}
