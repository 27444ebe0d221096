using System.Buffers.Binary;
using ValueAlign.Core.Inference.LlamaSharp;

namespace ValueAlign.Tests.Inference.Runtime;

/// <summary>
/// A llama.cpp library from another commit than LLamaSharp 0.30.0's (c0c7e147) passes its parameter
/// structs with other layouts; the check reads the library's defaults with LLamaSharp's layout and
/// names every field that then reads wrong. The buffers here are laid out by hand from llama.h.
/// </summary>
public sealed class LlamaLibraryAbiTests
{
    /// <summary>
    /// llama_context_default_params() as llama.cpp lays it out. <paramref name="outputsPerSeq"/> adds
    /// the uint32 n_outputs_max_per_seq after n_outputs_max, as llama.cpp does after c0c7e147.
    /// </summary>
    private static byte[] ContextDefaults(bool outputsPerSeq)
    {
        var b = new byte[1024];
        var at = 0;
        void U32(uint v) { BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), v); at += 4; }
        void I32(int v) { BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(at), v); at += 4; }
        void F32(float v) { BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(at), v); at += 4; }
        U32(512); U32(2048); U32(512); U32(1); U32(0); U32(0); // n_ctx n_batch n_ubatch n_seq_max n_rs_seq n_outputs_max
        if (outputsPerSeq)
        {
            U32(0);
        }
        I32(4); I32(4); I32(0); I32(-1); I32(-1); I32(-1); I32(-1); // threads, threads_batch, ctx_type, rope, pooling, attention, flash
        F32(0); F32(0); F32(-1); F32(-1); F32(-1); F32(-1); U32(0); F32(-1); // rope base/scale, yarn x4, yarn_orig_ctx, defrag
        at = 88; // both layouts end their 4-byte fields at or before the 8-aligned callback pointer
        at += 16; // cb_eval, cb_eval_user_data
        I32(1); I32(1); // type_k, type_v = GGML_TYPE_F16
        at += 16; // abort callback and its data
        b[at++] = 0; b[at++] = 1; b[at++] = 1; b[at++] = 1; b[at++] = 1; b[at++] = 0; // embeddings offload_kqv no_perf op_offload swa_full kv_unified
        return b; // samplers, n_samplers, ctx_other stay null
    }

    /// <summary>
    /// llama_model_default_params(). <paramref name="loadMode"/> false is the layout before load_mode
    /// replaced the use_mmap/use_direct_io/use_mlock flags (and load_mtp was added).
    /// </summary>
    private static byte[] ModelDefaults(bool loadMode)
    {
        var b = new byte[1024];
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(16), -1); // n_gpu_layers
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(20), 1); // split_mode = layer
        if (loadMode)
        {
            BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(24), 1); // load_mode = mmap; main_gpu 0 at 28
            b[66] = 1; // vocab_only check_tensors [use_extra_bufts] no_host no_alloc load_mtp from 64
        }
        else
        {
            // main_gpu 0 at 24; vocab_only [use_mmap] use_direct_io use_mlock check_tensors [use_extra_bufts] no_host no_alloc from 64
            b[65] = 1;
            b[69] = 1;
        }
        return b;
    }

    [Fact]
    public void The_bound_commits_defaults_read_as_expected()
    {
        Assert.Empty(LlamaLibraryAbi.ContextDefaultsProblems(ContextDefaults(outputsPerSeq: false)));
        Assert.Empty(LlamaLibraryAbi.ModelDefaultsProblems(ModelDefaults(loadMode: true)));
    }

    [Fact]
    public void A_context_field_added_by_a_later_llama_cpp_shows_as_misread_threads()
    {
        var problems = LlamaLibraryAbi.ContextDefaultsProblems(ContextDefaults(outputsPerSeq: true));

        Assert.Contains("llama_context_params.n_threads reads 0 where llama.cpp c0c7e147 has 4", problems);
        Assert.Contains("llama_context_params.context_type reads 4 where llama.cpp c0c7e147 has 0", problems);
        // Past the first pointer the layouts coincide again, so nothing there is reported.
        Assert.DoesNotContain(problems, p => p.Contains("type_k") || p.Contains("offload_kqv"));
    }

    [Fact]
    public void Model_params_from_before_load_mode_are_caught()
    {
        var problems = LlamaLibraryAbi.ModelDefaultsProblems(ModelDefaults(loadMode: false));

        Assert.Equal(
        [
            "llama_model_params.load_mode reads 0 where llama.cpp c0c7e147 has 1",
            "llama_model_params.check_tensors reads 1 where llama.cpp c0c7e147 has 0",
            "llama_model_params.use_extra_bufts reads 0 where llama.cpp c0c7e147 has 1",
            "llama_model_params.load_mtp reads 1 where llama.cpp c0c7e147 has 0",
        ], problems);
    }
}
