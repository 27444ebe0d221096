using System.Text;
using LLama;
using LLama.Common;
using LLama.Native;
using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.Gguf;

/// <summary>Files from <see cref="SyntheticLlamaModel"/> must be real models to llama.cpp, not just to our reader.</summary>
public class SyntheticModelLoadsInLlamaTests
{
    [Fact]
    public void Tiny_model_loads_tokenizes_and_gives_finite_logits()
    {
        using var dir = new TempDirectory();
        var path = GgufTestFiles.WriteTiny(dir.File("tiny.gguf"));
        var parameters = new ModelParams(path) { ContextSize = 256, GpuLayerCount = 0, BatchSize = 64 };

        using var weights = LLamaWeights.LoadFromFile(parameters);
        using var context = weights.CreateContext(parameters);

        Assert.Equal(512, weights.Vocab.Count);
        Assert.Equal(64, weights.EmbeddingSize);
        var tokens = context.Tokenize("Once upon a time, the girl said hello!", addBos: true);
        Assert.Equal(SyntheticVocabulary.BeginOfSequence, (int)tokens[0]);
        Assert.Contains(tokens, t => (int)t > 260); // word pieces, not only byte fallback
        var batch = new LLamaBatch();
        for (var i = 0; i < tokens.Length; i++)
        {
            batch.Add(tokens[i], i, LLamaSeqId.Zero, logits: i == tokens.Length - 1);
        }
        Assert.Equal(DecodeResult.Ok, context.Decode(batch));

        var logits = context.NativeHandle.GetLogitsIth(batch.TokenCount - 1).ToArray();
        Assert.Equal(512, logits.Length);
        Assert.All(logits, l => Assert.True(float.IsFinite(l), "logit is not finite"));
        Assert.True(logits.Max() > logits.Min(), "random weights should give distinct logits");
    }

    [Fact]
    public void About20M_shape_without_GQA_loads_and_gives_finite_logits()
    {
        // The benchmark preset's attention and FFN shape (6 heads of 64, no GQA, FFN 1024),
        // with one block and a smaller vocabulary so the test writes 8 MB instead of 83 MB.
        var config = SyntheticLlamaConfig.About20M with { BlockCount = 1, VocabularySize = 1024 };
        using var dir = new TempDirectory();
        var path = dir.File("wide.gguf");
        SyntheticLlamaModel.WriteFile(path, config);
        var parameters = new ModelParams(path) { ContextSize = 128, GpuLayerCount = 0 };
        using var weights = LLamaWeights.LoadFromFile(parameters);
        using var context = weights.CreateContext(parameters);

        var tokens = context.Tokenize("the value of care", addBos: true);
        var batch = new LLamaBatch();
        for (var i = 0; i < tokens.Length; i++)
        {
            batch.Add(tokens[i], i, LLamaSeqId.Zero, logits: true);
        }
        Assert.Equal(DecodeResult.Ok, context.Decode(batch));

        Assert.Equal(384, weights.EmbeddingSize);
        for (var i = 0; i < tokens.Length; i++)
        {
            var logits = context.NativeHandle.GetLogitsIth(i).ToArray();
            Assert.Equal(1024, logits.Length);
            Assert.All(logits, l => Assert.True(float.IsFinite(l), $"logit at position {i} is not finite"));
        }
    }

    [Fact]
    public void Chat_template_is_recognised_as_chatml_and_its_markers_are_control_tokens()
    {
        using var dir = new TempDirectory();
        var path = GgufTestFiles.WriteTiny(dir.File("tiny.gguf"));
        var parameters = new ModelParams(path) { ContextSize = 128, GpuLayerCount = 0 };
        using var weights = LLamaWeights.LoadFromFile(parameters);
        using var context = weights.CreateContext(parameters);

        var template = new LLamaTemplate(weights) { AddAssistant = true };
        template.Add("system", "Be fair.");
        template.Add("user", "Hello");
        var prompt = Encoding.UTF8.GetString(template.Apply());

        Assert.Equal("<|im_start|>system\nBe fair.<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n", prompt);
        var tokens = context.Tokenize(prompt, addBos: false, special: true);
        Assert.Equal(SyntheticVocabulary.ImStart, (int)tokens[0]);
        Assert.Contains(tokens, t => (int)t == SyntheticVocabulary.ImEnd);
        Assert.Equal(SyntheticVocabulary.EndOfSequence, (int)weights.Vocab.EOS!.Value);
        Assert.True(((LLamaToken)SyntheticVocabulary.ImEnd).IsEndOfGeneration(weights.Vocab), "<|im_end|> should end generation");
    }

    [Fact]
    public void Byte_fallback_encodes_text_outside_the_vocabulary()
    {
        using var dir = new TempDirectory();
        var path = GgufTestFiles.WriteTiny(dir.File("tiny.gguf"));
        var parameters = new ModelParams(path) { ContextSize = 128, GpuLayerCount = 0 };
        using var weights = LLamaWeights.LoadFromFile(parameters);
        using var context = weights.CreateContext(parameters);

        var tokens = context.Tokenize("é", addBos: false);

        // "é" is U+00E9 = bytes C3 A9; after the "▁" prefix both fall back to byte tokens 5 + byte.
        Assert.Contains(tokens, t => (int)t == 5 + 0xC3);
        Assert.Contains(tokens, t => (int)t == 5 + 0xA9);
    }
}
