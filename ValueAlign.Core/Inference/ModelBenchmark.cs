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
        // The prompt is five tokens, so its evaluation is a negligible part of the generation time.
        // The share of the timed repeats (not the warm-up) spent inside llama.cpp's decode.
        var generationWatch = new Stopwatch();
        var decodeBefore = TimeSpan.Zero;
        var generationRuns = 0;
        var generationSeconds = await BestOfAsync(repeats, async () =>
        {
            if (generationRuns++ == 1)
            {
                decodeBefore = model.GenerationDecodeTime;
                generationWatch.Start();
            }
            await foreach (var _ in model.CompleteAsync("Once upon a time", generation, cancellationToken))
            {
            }
        });
        generationWatch.Stop();
        var decodeShare = (model.GenerationDecodeTime - decodeBefore).TotalSeconds / generationWatch.Elapsed.TotalSeconds;

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
            model.Description.Path, model.Description.ParameterCount, threads, model.ScoringBatchTokens,
            PromptTokens, Rate(PromptTokens, promptSeconds),
            GeneratedTokens, Rate(GeneratedTokens, generationSeconds),
            items.Count, sharedPromptTokens / items.Count,
            Rate(items.Count, sharedSeconds), Rate(items.Count, naiveSeconds), maxDifference,
            NativeRuntimeInfo.Read())
        {
            PersistentThreadPoolThreads = model.PersistentThreadPoolThreads,
            GenerationDecodeShare = decodeShare,
            GenerationThreads = model.GenerationThreads.Threads,
            GenerationThreadTimings = model.GenerationThreads.MicrosecondsPerToken,
        };
    }

    private readonly record struct Timing(double Wall, double Cpu);

    /// <summary>Best wall-clock and best CPU time of <paramref name="repeats"/> runs after a warm-up.</summary>
    private static async Task<Timing> BestOfAsync(int repeats, Func<Task> run)
    {
        await run(); // warm-up: first-use allocations and caches
        var process = Process.GetCurrentProcess();
        double wall = double.MaxValue, cpu = double.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await run();
            wall = Math.Min(wall, watch.Elapsed.TotalSeconds);
            process.Refresh();
            cpu = Math.Min(cpu, (process.TotalProcessorTime - cpuStart).TotalSeconds);
        }
        return new Timing(wall, cpu);
    }

    private static Throughput Rate(double amount, Timing timing) =>
        new(amount / timing.Wall, timing.Cpu > 0 ? amount / timing.Cpu : 0);

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
    internal static async Task<IReadOnlyList<MultipleChoiceQuestion>> SyntheticItemsAsync(ILanguageModel model, int count, Random random, CancellationToken cancellationToken)
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
