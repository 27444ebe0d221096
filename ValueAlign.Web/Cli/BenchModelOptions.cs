using ValueAlign.Core.Inference;

namespace ValueAlign.Web.Cli;

/// <summary>The configured runtime options for a bench verb, with the thread count overridden when given.</summary>
internal static class BenchModelOptions
{
    public static ModelRuntimeOptions From(ModelRuntimeOptions configured, int? threads) => new()
    {
        Threads = threads ?? configured.Threads,
        ContextSize = configured.ContextSize,
        BatchSize = configured.BatchSize,
        ScoringBatchTokens = configured.ScoringBatchTokens,
        MicroBatchSize = configured.MicroBatchSize,
        FlashAttention = configured.FlashAttention,
        MaxSequences = configured.MaxSequences,
        EmbeddingContextSize = configured.EmbeddingContextSize,
    };
}
