using System.Buffers.Binary;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using LLama.Native;

namespace ValueAlign.Core.Inference.LlamaSharp;

/// <summary>
/// Whether a llama.cpp library speaks the interface LLamaSharp 0.30.0 was compiled against (llama.cpp
/// commit <see cref="LlamaCppCommit"/>). LLamaSharp hands llama_model_params and llama_context_params
/// to llama.cpp by value, so a library from another commit whose structs gained, lost or moved a
/// field does not fail: it reads thread counts, batch sizes and flags from the wrong bytes. The check
/// reads the library's own default parameters through a buffer larger than either struct, interprets
/// them with LLamaSharp's layout and compares every field with that commit's defaults; it also lists
/// the entry points LLamaSharp binds that the library does not export.
/// </summary>
internal static class LlamaLibraryAbi
{
    public const string LlamaCppCommit = "c0c7e147e7efa6c5858754b47259ba4880f8a906";

    private const int DefaultsBufferBytes = 1024;

    /// <summary>The library name LLamaSharp's [DllImport]s of libllama use.</summary>
    private const string LlamaImportName = "llama";

    /// <summary>Declared by LLamaSharp 0.30.0 but not exported by its own llama.cpp build either (never called).</summary>
    private static readonly HashSet<string> DeclaredButNotBuilt = ["llama_adapter_meta_val_by_index", "llama_model_apply_lora_from_file", "llama_print_timings"];

    private enum Kind { U32, I32, F32, Bool, Pointer }

    private sealed record Field(string Name, Kind Kind, double Value);

    /// <summary>llama_context_default_params() at <see cref="LlamaCppCommit"/>, by LLamaSharp's field names.</summary>
    private static readonly Field[] ContextDefaults =
    [
        new("n_ctx", Kind.U32, 512), new("n_batch", Kind.U32, 2048), new("n_ubatch", Kind.U32, 512), new("n_seq_max", Kind.U32, 1),
        new("n_rs_seq", Kind.U32, 0), new("n_outputs_max", Kind.U32, 0), new("n_threads", Kind.I32, 4), new("n_threads_batch", Kind.I32, 4),
        new("context_type", Kind.I32, 0), new("rope_scaling_type", Kind.I32, -1), new("llama_pooling_type", Kind.I32, -1),
        new("attention_type", Kind.I32, -1), new("llama_flash_attn_type", Kind.I32, -1),
        new("rope_freq_base", Kind.F32, 0), new("rope_freq_scale", Kind.F32, 0), new("yarn_ext_factor", Kind.F32, -1),
        new("yarn_attn_factor", Kind.F32, -1), new("yarn_beta_fast", Kind.F32, -1), new("yarn_beta_slow", Kind.F32, -1),
        new("yarn_orig_ctx", Kind.U32, 0), new("defrag_threshold", Kind.F32, -1),
        new("cb_eval", Kind.Pointer, 0), new("cb_eval_user_data", Kind.Pointer, 0), new("type_k", Kind.I32, 1), new("type_v", Kind.I32, 1),
        new("abort_callback", Kind.Pointer, 0), new("abort_callback_user_data", Kind.Pointer, 0),
        new("_embeddings", Kind.Bool, 0), new("_offload_kqv", Kind.Bool, 1), new("_no_perf", Kind.Bool, 1), new("_op_offload", Kind.Bool, 1),
        new("_swa_full", Kind.Bool, 1), new("_kv_unified", Kind.Bool, 0),
        new("samplers", Kind.Pointer, 0), new("n_samplers", Kind.Pointer, 0), new("ctx_other", Kind.Pointer, 0),
    ];

    /// <summary>llama_model_default_params() at <see cref="LlamaCppCommit"/>, by LLamaSharp's field names.</summary>
    private static readonly Field[] ModelDefaults =
    [
        new("devices", Kind.Pointer, 0), new("tensor_buft_overrides", Kind.Pointer, 0), new("n_gpu_layers", Kind.I32, -1),
        new("split_mode", Kind.I32, 1), new("load_mode", Kind.I32, 1), new("main_gpu", Kind.I32, 0), new("tensor_split", Kind.Pointer, 0),
        new("progress_callback", Kind.Pointer, 0), new("progress_callback_user_data", Kind.Pointer, 0), new("kv_overrides", Kind.Pointer, 0),
        new("_vocab_only", Kind.Bool, 0), new("_check_tensors", Kind.Bool, 0), new("_use_extra_bufts", Kind.Bool, 1),
        new("_no_host", Kind.Bool, 0), new("_no_alloc", Kind.Bool, 0), new("_load_mtp", Kind.Bool, 0),
    ];

    /// <summary>What in the loaded library <paramref name="library"/> does not match; empty when it matches.</summary>
    public static IReadOnlyList<string> Problems(IntPtr library)
    {
        var problems = new List<string>();
        var missing = LlamaSharpEntryPoints().Where(name => !NativeLibrary.TryGetExport(library, name, out _)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"it does not export {missing.Count} of the functions LLamaSharp binds ({string.Join(", ", missing.Take(6))}{(missing.Count > 6 ? ", ..." : "")})");
        }
        if (NativeLibrary.TryGetExport(library, "llama_context_default_params", out var context))
        {
            problems.AddRange(ContextDefaultsProblems(ReadDefaults(context)));
        }
        if (NativeLibrary.TryGetExport(library, "llama_model_default_params", out var model))
        {
            problems.AddRange(ModelDefaultsProblems(ReadDefaults(model)));
        }
        return problems;
    }

    /// <summary>The fields of a default llama_context_params (read with LLamaSharp's layout) that differ from the bound commit's.</summary>
    internal static IReadOnlyList<string> ContextDefaultsProblems(ReadOnlySpan<byte> defaults) =>
        Compare("llama_context_params", typeof(LLamaContextParams), defaults, ContextDefaults);

    /// <summary>The fields of a default llama_model_params (read with LLamaSharp's layout) that differ from the bound commit's.</summary>
    internal static IReadOnlyList<string> ModelDefaultsProblems(ReadOnlySpan<byte> defaults) =>
        Compare("llama_model_params", typeof(LLamaModelParams), defaults, ModelDefaults);

    private static List<string> Compare(string structName, Type layout, ReadOnlySpan<byte> defaults, Field[] expected)
    {
        var problems = new List<string>();
        foreach (var field in expected)
        {
            var offset = (int)Marshal.OffsetOf(layout, field.Name);
            var actual = Read(defaults[offset..], field.Kind);
            if (!actual.Equals(field.Value))
            {
                problems.Add($"{structName}.{field.Name.TrimStart('_')} reads {Show(actual)} where llama.cpp {LlamaCppCommit[..8]} has {Show(field.Value)}");
            }
        }
        return problems;
    }

    private static double Read(ReadOnlySpan<byte> at, Kind kind) => kind switch
    {
        Kind.U32 => BinaryPrimitives.ReadUInt32LittleEndian(at),
        Kind.I32 => BinaryPrimitives.ReadInt32LittleEndian(at),
        Kind.F32 => BinaryPrimitives.ReadSingleLittleEndian(at),
        Kind.Bool => at[0],
        _ => IntPtr.Size == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(at) : BinaryPrimitives.ReadUInt32LittleEndian(at),
    };

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);

    [StructLayout(LayoutKind.Sequential, Size = DefaultsBufferBytes)]
    private struct DefaultsBuffer
    {
        public byte First;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate DefaultsBuffer DefaultsFn();

    /// <summary>
    /// Calls a llama_*_default_params function with a return buffer far larger than the struct, so a
    /// library whose struct grew writes into spare bytes instead of past the caller's memory.
    /// </summary>
    private static byte[] ReadDefaults(IntPtr function)
    {
        var buffer = Marshal.GetDelegateForFunctionPointer<DefaultsFn>(function)();
        return MemoryMarshal.CreateReadOnlySpan(ref buffer.First, DefaultsBufferBytes).ToArray();
    }

    private static IEnumerable<string> LlamaSharpEntryPoints() =>
        typeof(NativeApi).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(method => (method, import: method.GetCustomAttribute<DllImportAttribute>()))
            .Where(m => m.import?.Value == LlamaImportName)
            .Select(m => m.import!.EntryPoint ?? m.method.Name)
            .Where(name => !DeclaredButNotBuilt.Contains(name))
            .Distinct()
            .Order(StringComparer.Ordinal);
}
