using System.Diagnostics;
using System.Text;

namespace ValueAlign.Core.Inference.OpenAi;

/// <summary>One concurrency level of <see cref="RemoteThroughputBenchmark"/>.</summary>
/// <param name="InFlight">Requests kept in flight (one item or one generation each).</param>
/// <param name="ItemsPerSecond">4-option multiple-choice items scored per second, one item a request.</param>
/// <param name="GenerationTokensPerSecond">Generated tokens per second over all streams (the streamed text re-tokenized).</param>
public sealed record RemoteThroughputLevel(int InFlight, double ItemsPerSecond, double GenerationTokensPerSecond);

/// <summary>The figures of <c>bench model --endpoint</c>: one request at a time and <see cref="Concurrent"/> requests in flight.</summary>
public sealed record RemoteThroughputResult(
    string Server, string Model, int Items, int TokensPerGeneration, RemoteThroughputLevel Single, RemoteThroughputLevel Concurrent)
{
    public double ItemsSpeedup => Concurrent.ItemsPerSecond / Single.ItemsPerSecond;

    public double GenerationSpeedup => Concurrent.GenerationTokensPerSecond / Single.GenerationTokensPerSecond;
}

/// <summary>
/// Throughput of a model behind an OpenAI-compatible server as a client sees it: synthetic 4-option
/// items (about 150 prompt tokens, as <see cref="ModelBenchmark"/> makes them) scored by log-likelihood
/// one item a request, and greedy generations of a fixed length (end-of-generation ignored where the
/// server takes <c>ignore_eos</c>), first one request at a time, then with <c>inFlight</c> requests
/// in flight. Each figure is the best of <c>repeats</c> after a warm-up. Wall-clock only: the
/// server's CPU time is not visible from here.
/// </summary>
public static class RemoteThroughputBenchmark
{
    public const int TokensPerGeneration = 32;

    public static async Task<RemoteThroughputResult> RunAsync(
        ILanguageModel model, int inFlight, int items = 32, int repeats = 2, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var questions = await ModelBenchmark.SyntheticItemsAsync(model, items, new Random(1234), cancellationToken).ConfigureAwait(false);
        var single = await LevelAsync(model, questions, 1, repeats, cancellationToken).ConfigureAwait(false);
        var concurrent = await LevelAsync(model, questions, inFlight, repeats, cancellationToken).ConfigureAwait(false);
        return new RemoteThroughputResult(model.Description.Path, model.Description.Name, questions.Count, TokensPerGeneration, single, concurrent);
    }

    private static async Task<RemoteThroughputLevel> LevelAsync(
        ILanguageModel model, IReadOnlyList<MultipleChoiceQuestion> questions, int inFlight, int repeats, CancellationToken cancellationToken)
    {
        var scoring = await BestOfAsync(repeats, async () =>
        {
            var watch = Stopwatch.StartNew();
            await ForEachAsync(questions.Count, inFlight, i => model.ScoreChoicesAsync([questions[i]], cancellationToken), cancellationToken).ConfigureAwait(false);
            return (questions.Count, watch.Elapsed.TotalSeconds);
        }).ConfigureAwait(false);
        var generations = Math.Max(inFlight, 4);
        var generation = GenerationOptions.Greedy(TokensPerGeneration) with { IgnoreEndOfGeneration = true };
        var texts = new string[generations];
        var tokens = await BestOfAsync(repeats, async () =>
        {
            var watch = Stopwatch.StartNew();
            await ForEachAsync(generations, inFlight, async i =>
            {
                var text = new StringBuilder();
                await foreach (var piece in model.CompleteAsync("Once upon a time", generation, cancellationToken).ConfigureAwait(false))
                    text.Append(piece);
                texts[i] = text.ToString();
            }, cancellationToken).ConfigureAwait(false);
            var seconds = watch.Elapsed.TotalSeconds;
            var count = 0;
            foreach (var text in texts)
                count += (await model.TokenizeAsync(text, addBos: false, cancellationToken).ConfigureAwait(false)).Count;
            return (count, seconds);
        }).ConfigureAwait(false);
        return new RemoteThroughputLevel(inFlight, scoring, tokens);
    }

    /// <summary>Runs <paramref name="work"/> for 0..count-1 with at most <paramref name="inFlight"/> at a time.</summary>
    private static Task ForEachAsync(int count, int inFlight, Func<int, Task> work, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken },
            async (i, _) => await work(i).ConfigureAwait(false));

    /// <summary>Best rate (amount / seconds, as each run reports them) of <paramref name="repeats"/> runs after a warm-up.</summary>
    private static async Task<double> BestOfAsync(int repeats, Func<Task<(int Amount, double Seconds)>> run)
    {
        await run().ConfigureAwait(false);
        var best = 0.0;
        for (var i = 0; i < repeats; i++)
        {
            var (amount, seconds) = await run().ConfigureAwait(false);
            best = Math.Max(best, amount / seconds);
        }
        return best;
    }
}
