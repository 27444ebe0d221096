using LLama;
using LLama.Native;

namespace ValueAlign.Core.Inference.LlamaSharp;

/// <summary>Builds llama.cpp's sampler chain for one generation from <see cref="GenerationOptions"/>.</summary>
internal static class LlamaSamplerFactory
{
    public static SafeLLamaSamplerChainHandle Create(LLamaWeights weights, GenerationOptions options)
    {
        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        try
        {
            // The grammar goes first so every later filter only sees tokens the grammar allows.
            if (options.Grammar is not null)
            {
                GbnfValidator.Validate(options.Grammar);
                chain.AddGrammar(weights.NativeHandle.Vocab, options.Grammar, "root");
            }
            if (options.IsGreedy)
            {
                chain.AddGreedySampler();
                return chain;
            }
            if (options.TopK is { } topK)
            {
                chain.AddTopK(topK);
            }
            if (options.TopP is { } topP)
            {
                chain.AddTopP(topP, 1);
            }
            if (options.MinP is { } minP)
            {
                chain.AddMinP(minP, 1);
            }
            chain.AddTemperature(options.Temperature);
            chain.AddDistributionSampler(options.Seed);
            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }
}
