using System.Globalization;
using ValueAlign.Core.Inference.Gguf;

namespace ValueAlign.Core.Inference;

/// <summary>A load refused because the model does not fit next to the loaded ones within Models:MemoryBudgetMB; the message gives the figures.</summary>
public sealed class ModelBudgetException(string path, string message, long neededBytes, long usedBytes, long budgetBytes)
    : ModelLoadException(path, message)
{
    public long NeededBytes { get; } = neededBytes;

    public long UsedBytes { get; } = usedBytes;

    public long BudgetBytes { get; } = budgetBytes;

    public static string Describe(string file, GgufMemoryEstimate estimate, int loadedCount, long usedBytes, long budgetBytes, int configuredMb) =>
        FormattableString.Invariant($"not loaded: it needs about {Mb(estimate.TotalBytes)} (weights {Mb(estimate.WeightsBytes)} + KV cache {Mb(estimate.KvCacheBytes)} at {estimate.ContextSize} tokens), ")
            + FormattableString.Invariant($"{loadedCount} loaded model(s) use {Mb(usedBytes)} and the budget is {Mb(budgetBytes)}")
            + (configuredMb > 0 ? FormattableString.Invariant($" (Models:MemoryBudgetMB = {configuredMb})") : " (80% of available memory; set Models:MemoryBudgetMB to change it)")
            + FormattableString.Invariant($", leaving {Mb(Math.Max(0, budgetBytes - usedBytes))}. Unload a model or raise Models:MemoryBudgetMB to load {file}.");

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.##} MB");
}
