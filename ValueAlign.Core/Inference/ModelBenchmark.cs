using System.Diagnostics;
using System.Text;
using ValueAlign.Core.Inference.LlamaSharp;

namespace ValueAlign.Core.Inference;

/// <summary>
/// Measures a loaded model the way llama-bench and llama-perplexity report it: prompt processing
/// (one 512-token prompt), generation (128 tokens, end-of-generation ignored), and multiple-choice
/// scoring of synthetic 4-option items with about 150 tokens of shared prompt, by the shared-prompt
/// path and by the per-option path. Each figure is the best of a few repeats after a warm-up.
/// </summary>
public static class ModelBenchmark
{
    public const int PromptTokens = 512;
    public const int GeneratedTokens = 128;
    public const int SharedPromptTokens = 150;

    private static readonly string[] Words =
    [
        "the", "little", "girl", "boy", "dog", "cat", "ran", "to", "park", "and", "saw", "a", "big", "red", "ball",
        "happy", "sad", "mom", "dad", "tree", "bird", "sun", "played", "with", "her", "his", "friend", "went", "home",
        "they", "were", "very", "one", "day", "wanted", "toy", "found", "box", "under", "bed", "said", "look", "at",
    ];

    public static async Task<ModelBenchmarkResult> RunAsync(
        LlamaSharpLanguageModel model, int threads, int choiceItems = 64, int repeats = 3, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(choiceItems, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var random = new Random(1234);

        var prompt = await SyntheticTokensAsync(model, PromptTokens, random, cancellationToken);
        var promptSeconds = await BestOfAsync(repeats, () => model.GetCandidateLogProbsAsync(prompt, [prompt.Count - 1], [0], cancellationToken));

        var generation = GenerationOptions.Greedy(GeneratedTokens) with { IgnoreEndOfGeneration = true };
        var generationSeconds = await BestOfAsync(repeats, async () =>
        {
            // Timed from the first piece so the short prompt's evaluation is not counted.
            var first = Stopwatch.StartNew();
            var pieces = 0;
            await foreach (var _ in model.CompleteAsync("Once upon a time", generation, cancellationToken))
            {
                if (pieces++ == 0)
                {
                    first.Restart();
                }
            }
            return first.Elapsed.TotalSeconds;
        });

        var items = await SyntheticItemsAsync(model, choiceItems, random, cancellationToken);
        var sharedPromptTokens = 0.0;
        foreach (var item in items)
        {
            sharedPromptTokens += (await model.TokenizeAsync(item.Prompt, addBos: true, cancellationToken)).Count;
        }
        IReadOnlyList<MultipleChoiceResult> shared = [], naive = [];
        var sharedSeconds = await BestOfAsync(repeats, async () => shared = await model.ScoreChoicesAsync(items, cancellationToken));
        var naiveSeconds = await BestOfAsync(repeats, async () => naive = await model.ScoreChoicesNaiveAsync(items, cancellationToken));

        var maxDifference = 0.0;
        for (var q = 0; q < items.Count; q++)
        {
            for (var o = 0; o < items[q].Options.Count; o++)
            {
                var a = shared[q].Options[o];
                var b = naive[q].Options[o];
                maxDifference = Math.Max(maxDifference, Math.Abs(a.TotalLogLikelihood - b.TotalLogLikelihood) / a.TokenCount);
            }
        }

        return new ModelBenchmarkResult(
            model.Description.Path, model.Description.ParameterCount, threads, model.BatchSize,
            PromptTokens, PromptTokens / promptSeconds,
            GeneratedTokens, (GeneratedTokens - 1) / generationSeconds,
            items.Count, sharedPromptTokens / items.Count,
            items.Count / sharedSeconds, items.Count / naiveSeconds, maxDifference);
    }

    private static async Task<double> BestOfAsync(int repeats, Func<Task> run) =>
        await BestOfAsync(repeats, async () =>
        {
            var watch = Stopwatch.StartNew();
            await run();
            return watch.Elapsed.TotalSeconds;
        });

    private static async Task<double> BestOfAsync(int repeats, Func<Task<double>> run)
    {
        await run(); // warm-up: first-use allocations and caches
        var best = double.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            best = Math.Min(best, await run());
        }
        return best;
    }

    /// <summary>BOS plus random story words, cut to exactly <paramref name="count"/> tokens.</summary>
    private static async Task<IReadOnlyList<int>> SyntheticTokensAsync(ILanguageModel model, int count, Random random, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        IReadOnlyList<int> tokens = [];
        while (tokens.Count < count)
        {
            for (var i = 0; i < 64; i++)
            {
                text.Append(Words[random.Next(Words.Length)]).Append(' ');
            }
            tokens = await model.TokenizeAsync(text.ToString(), addBos: true, cancellationToken);
        }
        return tokens.Take(count).ToArray();
    }

    /// <summary>Items whose prompt is about <see cref="SharedPromptTokens"/> tokens, with four options of 3 to 12 words.</summary>
    private static async Task<IReadOnlyList<MultipleChoiceQuestion>> SyntheticItemsAsync(ILanguageModel model, int count, Random random, CancellationToken cancellationToken)
    {
        var items = new List<MultipleChoiceQuestion>(count);
        for (var q = 0; q < count; q++)
        {
            var prompt = new StringBuilder();
            while ((await model.TokenizeAsync(prompt.ToString(), addBos: true, cancellationToken)).Count < SharedPromptTokens)
            {
                for (var i = 0; i < 8; i++)
                {
                    prompt.Append(Words[random.Next(Words.Length)]).Append(' ');
                }
            }
            var options = Enumerable.Range(0, 4)
                .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(3, 13)).Select(_ => Words[random.Next(Words.Length)])))
                .ToArray();
            items.Add(new MultipleChoiceQuestion(prompt.ToString().TrimEnd(), options));
        }
        return items;
    }
}
