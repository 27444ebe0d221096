using System.Diagnostics;
using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// Wall time of LongMab-PO on one model for generated contexts of several lengths
/// (<see cref="SyntheticLongContext"/>): per item, per round, and the set-up before the first
/// round (tokenizing sentences, chunking, the probe and one embedding per chunk).
/// </summary>
public static class LongMabBenchmark
{
    public sealed record Row(int ContextTokens, int Chunks, int Rounds, double ItemSeconds, double SetupSeconds, double SecondsPerRound);

    public static async Task<IReadOnlyList<Row>> RunAsync(
        ILanguageModel model, IReadOnlyList<int> contextTokens, LongMabOptions options, int seed = 1, CancellationToken cancellationToken = default)
    {
        var rows = new List<Row>();
        foreach (var length in contextTokens)
        {
            var qa = await SyntheticLongContext.BuildAsync(model, length, seed + length, cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            TimeSpan? setup = null;
            var progress = new FirstReport(() => setup ??= clock.Elapsed);
            var trace = await LongMabGenerator.RunAsync(model, $"bench/{length}", qa, options, seed, progress, cancellationToken).ConfigureAwait(false);
            var total = clock.Elapsed.TotalSeconds;
            var before = setup?.TotalSeconds ?? 0;
            rows.Add(new Row(length, trace.Chunks.Count, trace.Rollouts.Count, total, before, (total - before) / Math.Max(1, trace.Rollouts.Count)));
        }
        return rows;
    }

    /// <summary>Notes the time of the first report (the trace before round 1).</summary>
    private sealed class FirstReport(Action first) : IProgress<LongMabTrace>
    {
        public void Report(LongMabTrace value)
        {
            if (value.Rollouts.Count == 0) first();
        }
    }
}
