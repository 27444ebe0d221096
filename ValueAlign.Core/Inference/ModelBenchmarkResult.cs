namespace ValueAlign.Core.Inference;

/// <summary>Speed figures of one model on this machine (see <see cref="ModelBenchmark"/>).</summary>
public sealed record ModelBenchmarkResult(
    string ModelPath,
    long ParameterCount,
    int Threads,
    int BatchSize,
    int PromptTokens,
    double PromptTokensPerSecond,
    int GeneratedTokens,
    double GenerationTokensPerSecond,
    int ChoiceItems,
    double AverageSharedPromptTokens,
    double SharedChoiceItemsPerSecond,
    double NaiveChoiceItemsPerSecond,
    double MaxPerTokenDifference)
{
    /// <summary>How many times faster the shared-prompt path scores items than the per-option path.</summary>
    public double ChoiceSpeedup => NaiveChoiceItemsPerSecond > 0 ? SharedChoiceItemsPerSecond / NaiveChoiceItemsPerSecond : 0;
}
