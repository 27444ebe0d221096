using Microsoft.Extensions.Logging;

namespace ValueAlign.Core.Inference.LlamaSharp;

/// <summary>
/// How many threads decode one generated token. llama.cpp keeps two counts per context: the
/// generation threads (batches of one token) and the batch threads (prompts, scoring). For a
/// small model one token's work is so short that splitting it over threads costs more in
/// synchronisation than it saves: on the 2-core reference machine stories260K generates ~3300
/// tokens/s on one thread and ~2300 on two, while the 20.8M model generates 370 on one and 475
/// on two. With <see cref="ModelRuntimeOptions.GenerationThreads"/> 0 (automatic), a model of at
/// most <see cref="CalibrationParameterLimit"/> parameters is timed once at load on both counts
/// (short greedy generations, alternating) and keeps the faster; a larger model, where the split
/// always pays, keeps the batch thread count. Results do not depend on the choice: ggml splits a
/// matrix product by rows, so every row is summed in the same order.
/// </summary>
internal static class GenerationThreadChoice
{
    /// <summary>Above this size calibration is skipped: one token already takes milliseconds of arithmetic.</summary>
    public const long CalibrationParameterLimit = 50_000_000;

    /// <summary>Tokens generated per timed trial.</summary>
    public const int TokensPerTrial = 16;

    private const int Trials = 3;

    /// <summary>What was chosen and, when it was timed, the best microseconds per token of each candidate.</summary>
    public sealed record Choice(int Threads, IReadOnlyDictionary<int, double>? MicrosecondsPerToken);

    /// <summary>
    /// Sets the generation threads through <paramref name="set"/>: the configured count (at most
    /// <paramref name="batchThreads"/>, the size of the context's pool), or for a small model the
    /// faster of one thread and <paramref name="batchThreads"/> by <paramref name="microsecondsPerToken"/>.
    /// </summary>
    public static Choice Apply(
        ModelRuntimeOptions options, int batchThreads, long parameterCount, int contextSize,
        Func<int, double> microsecondsPerToken, Action<int> set, ILogger logger)
    {
        if (options.GenerationThreads > 0)
        {
            var configured = Math.Clamp(options.GenerationThreads, 1, Math.Max(1, batchThreads));
            set(configured);
            return new Choice(configured, null);
        }
        if (batchThreads <= 1 || parameterCount > CalibrationParameterLimit || contextSize <= TokensPerTrial + 1)
        {
            set(Math.Max(1, batchThreads));
            return new Choice(Math.Max(1, batchThreads), null);
        }
        var candidates = new[] { 1, batchThreads };
        var best = candidates.ToDictionary(n => n, _ => double.MaxValue);
        microsecondsPerToken(batchThreads); // warm-up: the first generation allocates the graphs and buffers
        for (var trial = 0; trial < Trials; trial++)
        {
            foreach (var threads in candidates)
            {
                best[threads] = Math.Min(best[threads], microsecondsPerToken(threads));
            }
        }
        var chosen = best.MinBy(t => t.Value).Key;
        set(chosen);
        logger.LogInformation("Generation threads: {Threads} (per generated token: {Timings})", chosen,
            string.Join(", ", best.Select(t => $"{t.Key} thread(s) {t.Value:0} µs")));
        return new Choice(chosen, best);
    }
}
