using ValueAlign.Core.Inference.LlamaSharp;

namespace ValueAlign.Core.Inference;

/// <summary>
/// A throughput by wall-clock time and by this process's CPU time. On a machine shared with
/// other work the CPU-time figure (with one thread) shows the cost of the work itself.
/// </summary>
public sealed record Throughput(double PerSecond, double PerCpuSecond);

/// <summary>Speed figures of one model on this machine (see <see cref="ModelBenchmark"/>).</summary>
public sealed record ModelBenchmarkResult(
    string ModelPath,
    long ParameterCount,
    int Threads,
    int ScoringBatchTokens,
    int PromptTokens,
    Throughput PromptTokensPerSecond,
    int GeneratedTokens,
    Throughput GenerationTokensPerSecond,
    int ChoiceItems,
    double AverageSharedPromptTokens,
    Throughput SharedChoiceItemsPerSecond,
    Throughput NaiveChoiceItemsPerSecond,
    double MaxPerTokenDifference,
    NativeRuntimeInfo Native)
{
    /// <summary>Image figures when the model was loaded with a multimodal projector (<see cref="ImageBenchmark"/>).</summary>
    public ImageBenchmarkResult? Images { get; init; }

    /// <summary>Worker threads of the persistent ggml pool the figures ran with, or null when ggml started threads per decode.</summary>
    public int? PersistentThreadPoolThreads { get; init; }

    /// <summary>
    /// Fraction of the generation time spent inside llama.cpp's decode calls; the rest is ours
    /// (sampling, detokenizing, streaming the pieces, the model's queue).
    /// </summary>
    public double GenerationDecodeShare { get; init; }

    /// <summary>Threads that decoded each generated token (see <see cref="ModelRuntimeOptions.GenerationThreads"/>).</summary>
    public int GenerationThreads { get; init; }

    /// <summary>Microseconds per one-token decode by thread count, when the generation threads were calibrated at load.</summary>
    public IReadOnlyDictionary<int, double>? GenerationThreadTimings { get; init; }

    /// <summary>How many times faster the shared-prompt path scores items than the per-option path, by wall-clock time.</summary>
    public double ChoiceSpeedup => Ratio(SharedChoiceItemsPerSecond.PerSecond, NaiveChoiceItemsPerSecond.PerSecond);

    /// <summary>The same ratio by CPU time.</summary>
    public double ChoiceSpeedupByCpu => Ratio(SharedChoiceItemsPerSecond.PerCpuSecond, NaiveChoiceItemsPerSecond.PerCpuSecond);

    private static double Ratio(double a, double b) => b > 0 ? a / b : 0;
}
