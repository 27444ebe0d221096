namespace ValueAlign.Core.Inference.Gguf;

/// <summary>
/// A llama-architecture GGUF with seeded random weights (N(0, 0.02), norms 1) and a usable
/// SentencePiece vocabulary and ChatML chat template. Its output is gibberish, but llama.cpp
/// loads and runs it exactly like a trained model, which is what tests and benchmarks need.
/// </summary>
public static class SyntheticLlamaModel
{
    public const float WeightStandardDeviation = 0.02f;

    /// <summary>ChatML, which llama.cpp recognises by its <c>&lt;|im_start|&gt;</c> markers.</summary>
    public const string ChatTemplate =
        "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /// <summary>Writes the model to <paramref name="path"/>.</summary>
    public static void WriteFile(string path, SyntheticLlamaConfig config) =>
        GgufWriter.WriteFile(path, Metadata(config), Tensors(config));

    public static IReadOnlyList<KeyValuePair<string, GgufValue>> Metadata(SyntheticLlamaConfig config)
    {
        config.Validate();
        var vocabulary = SyntheticVocabulary.Create(config.VocabularySize);
        return
        [
            new("general.architecture", GgufValue.Of("llama")),
            new("general.name", GgufValue.Of($"synthetic-llama-{config.ParameterCount}")),
            new("general.description", GgufValue.Of("Seeded random weights written by ValueAlign for tests and benchmarks; not a trained model.")),
            new("general.alignment", GgufValue.Of(32u)),
            new("general.file_type", GgufValue.Of(0u)),
            new("valuealign.synthetic.seed", GgufValue.Of(config.Seed)),
            new("llama.vocab_size", GgufValue.Of((uint)config.VocabularySize)),
            new("llama.context_length", GgufValue.Of((uint)config.ContextLength)),
            new("llama.embedding_length", GgufValue.Of((uint)config.EmbeddingLength)),
            new("llama.block_count", GgufValue.Of((uint)config.BlockCount)),
            new("llama.feed_forward_length", GgufValue.Of((uint)config.FeedForwardLength)),
            new("llama.attention.head_count", GgufValue.Of((uint)config.HeadCount)),
            new("llama.attention.head_count_kv", GgufValue.Of((uint)config.HeadCountKv)),
            new("llama.attention.layer_norm_rms_epsilon", GgufValue.Of(1e-5f)),
            new("llama.rope.dimension_count", GgufValue.Of((uint)config.HeadLength)),
            new("llama.rope.freq_base", GgufValue.Of(10000f)),
            new("tokenizer.ggml.model", GgufValue.Of("llama")),
            new("tokenizer.ggml.tokens", GgufValue.Of(vocabulary.Tokens.ToArray())),
            new("tokenizer.ggml.scores", GgufValue.Of(vocabulary.Scores.ToArray())),
            new("tokenizer.ggml.token_type", GgufValue.Of(vocabulary.TokenTypes.ToArray())),
            new("tokenizer.ggml.bos_token_id", GgufValue.Of((uint)SyntheticVocabulary.BeginOfSequence)),
            new("tokenizer.ggml.eos_token_id", GgufValue.Of((uint)SyntheticVocabulary.EndOfSequence)),
            new("tokenizer.ggml.unknown_token_id", GgufValue.Of((uint)SyntheticVocabulary.Unknown)),
            new("tokenizer.ggml.add_bos_token", GgufValue.Of(true)),
            new("tokenizer.ggml.add_eos_token", GgufValue.Of(false)),
            new("tokenizer.chat_template", GgufValue.Of(ChatTemplate)),
        ];
    }

    /// <summary>The tensors in llama.cpp's naming; dimensions in ggml order (input width first).</summary>
    public static IReadOnlyList<GgufTensorToWrite> Tensors(SyntheticLlamaConfig config)
    {
        config.Validate();
        var d = (ulong)config.EmbeddingLength;
        var kv = (ulong)config.KvLength;
        var ff = (ulong)config.FeedForwardLength;
        var tensors = new List<GgufTensorToWrite>();

        void Random(string name, params ulong[] dims)
        {
            var seed = TensorSeed(config.Seed, tensors.Count);
            tensors.Add(GgufTensorToWrite.F32(name, dims, () => Normal(seed, dims)));
        }

        void Ones(string name, ulong length) =>
            tensors.Add(GgufTensorToWrite.F32(name, [length], () => Enumerable.Repeat(1f, (int)length).ToArray()));

        Random("token_embd.weight", d, (ulong)config.VocabularySize);
        Ones("output_norm.weight", d);
        for (var block = 0; block < config.BlockCount; block++)
        {
            var p = $"blk.{block}.";
            Ones(p + "attn_norm.weight", d);
            Random(p + "attn_q.weight", d, d);
            Random(p + "attn_k.weight", d, kv);
            Random(p + "attn_v.weight", d, kv);
            Random(p + "attn_output.weight", d, d);
            Ones(p + "ffn_norm.weight", d);
            Random(p + "ffn_gate.weight", d, ff);
            Random(p + "ffn_up.weight", d, ff);
            Random(p + "ffn_down.weight", ff, d);
        }
        return tensors;
    }

    // Each tensor has its own generator so tensors can be produced lazily in any order.
    private static ulong TensorSeed(int seed, int index) => unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)index * 0xBF58476D1CE4E5B9UL);

    /// <summary>
    /// N(0, <see cref="WeightStandardDeviation"/>) values by Box–Muller over SplitMix64: one
    /// 64-bit draw gives two 24-bit uniforms and so two normals. Several times faster than
    /// System.Random with doubles, which matters for the 20M-parameter benchmark model, and
    /// fixed by this code rather than by the runtime's Random implementation.
    /// </summary>
    private static float[] Normal(ulong seed, ulong[] dims)
    {
        var count = checked((int)dims.Aggregate(1UL, (a, b) => a * b));
        var values = new float[count];
        var state = seed;
        const float scale = 1f / (1 << 24);
        for (var i = 0; i < count; i += 2)
        {
            var bits = SplitMix64(ref state);
            var u1 = ((bits >> 40) + 1) * scale;          // (0, 1]: log(u1) is finite
            var u2 = ((bits >> 16) & 0xFFFFFF) * scale;    // [0, 1)
            var radius = MathF.Sqrt(-2f * MathF.Log(u1)) * WeightStandardDeviation;
            var (sin, cos) = MathF.SinCos(2f * MathF.PI * u2);
            values[i] = radius * cos;
            if (i + 1 < count)
            {
                values[i + 1] = radius * sin;
            }
        }
        return values;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
