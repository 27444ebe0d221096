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
            var seed = SeededWeights.TensorSeed(config.Seed, tensors.Count);
            tensors.Add(GgufTensorToWrite.F32(name, dims, () => SeededWeights.Normal(seed, dims, WeightStandardDeviation)));
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
}
