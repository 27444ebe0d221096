namespace ValueAlign.Core.Inference.Gguf;

/// <summary>
/// A multimodal projector GGUF (<c>mmproj</c>) with seeded random weights, in the layout llama.cpp's
/// <c>tools/mtmd</c> clip loader reads for a LLaVA MLP projector (<c>clip.projector_type</c> = <c>mlp</c>):
/// a ViT over square patches (patch convolution, learned positions, pre-norm blocks with
/// separate q/k/v) whose penultimate block's output goes through <c>mm.0</c>, GELU and <c>mm.2</c>
/// into the paired language model's embedding space. Its image tokens mean nothing, but libmtmd
/// loads and runs it exactly like a trained projector, which is what tests and benchmarks need.
/// </summary>
public static class SyntheticProjectorModel
{
    /// <summary>Larger than the language model's 0.02 so that different images give clearly different embeddings.</summary>
    public const float WeightStandardDeviation = 0.05f;

    public static void WriteFile(string path, SyntheticProjectorConfig config) =>
        GgufWriter.WriteFile(path, Metadata(config), Tensors(config));

    public static IReadOnlyList<KeyValuePair<string, GgufValue>> Metadata(SyntheticProjectorConfig config)
    {
        config.Validate();
        return
        [
            new("general.architecture", GgufValue.Of("clip")),
            new("general.name", GgufValue.Of("synthetic-mmproj")),
            new("general.description", GgufValue.Of("Seeded random weights written by ValueAlign for tests and benchmarks; not a trained projector.")),
            new("general.alignment", GgufValue.Of(32u)),
            new("general.file_type", GgufValue.Of(0u)),
            new("valuealign.synthetic.seed", GgufValue.Of(config.Seed)),
            new("clip.has_vision_encoder", GgufValue.Of(true)),
            new("clip.projector_type", GgufValue.Of("mlp")),
            new("clip.use_gelu", GgufValue.Of(true)),
            new("clip.vision.image_size", GgufValue.Of((uint)config.ImageSize)),
            new("clip.vision.patch_size", GgufValue.Of((uint)config.PatchSize)),
            new("clip.vision.embedding_length", GgufValue.Of((uint)config.EmbeddingLength)),
            new("clip.vision.feed_forward_length", GgufValue.Of((uint)config.FeedForwardLength)),
            new("clip.vision.block_count", GgufValue.Of((uint)config.BlockCount)),
            new("clip.vision.attention.head_count", GgufValue.Of((uint)config.HeadCount)),
            new("clip.vision.attention.layer_norm_epsilon", GgufValue.Of(1e-5f)),
            new("clip.vision.projection_dim", GgufValue.Of((uint)config.TextEmbeddingLength)),
            new("clip.vision.image_mean", GgufValue.Of(new[] { 0.5f, 0.5f, 0.5f })),
            new("clip.vision.image_std", GgufValue.Of(new[] { 0.5f, 0.5f, 0.5f })),
        ];
    }

    /// <summary>The tensors in the clip loader's naming; dimensions in ggml order (input width first).</summary>
    public static IReadOnlyList<GgufTensorToWrite> Tensors(SyntheticProjectorConfig config)
    {
        config.Validate();
        var d = (ulong)config.EmbeddingLength;
        var ff = (ulong)config.FeedForwardLength;
        var hidden = (ulong)config.ProjectorHiddenLength;
        var text = (ulong)config.TextEmbeddingLength;
        var patch = (ulong)config.PatchSize;
        var tensors = new List<GgufTensorToWrite>();

        void Random(string name, params ulong[] dims)
        {
            var seed = SeededWeights.TensorSeed(config.Seed, tensors.Count);
            tensors.Add(GgufTensorToWrite.F32(name, dims, () => SeededWeights.Normal(seed, dims, WeightStandardDeviation)));
        }

        void Filled(string name, ulong length, float value) =>
            tensors.Add(GgufTensorToWrite.F32(name, [length], () => Enumerable.Repeat(value, (int)length).ToArray()));

        // Convolution kernel: width, height, input channels (RGB), output channels.
        Random("v.patch_embd.weight", patch, patch, 3, d);
        Filled("v.patch_embd.bias", d, 0f);
        Random("v.position_embd.weight", d, (ulong)config.ImageTokens);
        Filled("v.pre_ln.weight", d, 1f);
        Filled("v.pre_ln.bias", d, 0f);
        for (var block = 0; block < config.BlockCount; block++)
        {
            var p = $"v.blk.{block}.";
            Filled(p + "ln1.weight", d, 1f);
            Filled(p + "ln1.bias", d, 0f);
            foreach (var projection in new[] { "attn_q", "attn_k", "attn_v", "attn_out" })
            {
                Random(p + projection + ".weight", d, d);
                Filled(p + projection + ".bias", d, 0f);
            }
            Filled(p + "ln2.weight", d, 1f);
            Filled(p + "ln2.bias", d, 0f);
            Random(p + "ffn_up.weight", d, ff);
            Filled(p + "ffn_up.bias", ff, 0f);
            Random(p + "ffn_down.weight", ff, d);
            Filled(p + "ffn_down.bias", d, 0f);
        }
        Random("mm.0.weight", d, hidden);
        Filled("mm.0.bias", hidden, 0f);
        Random("mm.2.weight", hidden, text);
        Filled("mm.2.bias", text, 0f);
        return tensors;
    }
}
