using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.LlamaSharp;

namespace ValueAlign.Tests.Inference.Runtime;

/// <summary>
/// The persistent ggml thread pool changes how work is scheduled, never what is computed:
/// greedy generation and every log-probability must be the same with and without it.
/// </summary>
public sealed class PersistentThreadPoolTests
{
    private static ModelRuntimeOptions Options(bool pool) => new()
    {
        Threads = 2,
        ContextSize = 1024,
        BatchSize = 512,
        MicroBatchSize = 512,
        MaxSequences = 16,
        EmbeddingContextSize = 128,
        PersistentThreadPool = pool,
    };

    [Fact]
    public async Task Pool_is_attached_with_the_configured_threads_and_only_when_asked()
    {
        await using var pooled = await LlamaSharpLanguageModel.LoadAsync(StoriesModelFixture.ModelPath, Options(pool: true));
        await using var plain = await LlamaSharpLanguageModel.LoadAsync(StoriesModelFixture.ModelPath, Options(pool: false));

        Assert.Equal(2, pooled.PersistentThreadPoolThreads);
        Assert.Null(plain.PersistentThreadPoolThreads);
    }

    [Fact]
    public async Task Greedy_generation_and_log_probs_are_identical_with_and_without_the_pool()
    {
        await using var pooled = await LlamaSharpLanguageModel.LoadAsync(StoriesModelFixture.ModelPath, Options(pool: true));
        await using var plain = await LlamaSharpLanguageModel.LoadAsync(StoriesModelFixture.ModelPath, Options(pool: false));
        var greedy = GenerationOptions.Greedy(96) with { IgnoreEndOfGeneration = true };

        var withPool = await TextGeneration.CollectAsync(pooled.CompleteAsync("Once upon a time", greedy));
        var withoutPool = await TextGeneration.CollectAsync(plain.CompleteAsync("Once upon a time", greedy));
        var again = await TextGeneration.CollectAsync(pooled.CompleteAsync("Once upon a time", greedy));

        Assert.StartsWith(", there was a little girl named Lily.", withPool);
        Assert.Equal(withoutPool, withPool);
        Assert.Equal(withPool, again);

        var a = await pooled.ScoreContinuationAsync("Once upon a time, there was a little", "girl named Lily who liked to play.");
        var b = await plain.ScoreContinuationAsync("Once upon a time, there was a little", "girl named Lily who liked to play.");
        Assert.Equal(b.Tokens, a.Tokens);
        for (var i = 0; i < a.TokenLogProbs.Count; i++)
        {
            Assert.Equal(b.TokenLogProbs[i], a.TokenLogProbs[i], 6);
        }
    }

    [Fact]
    public async Task Shared_prompt_scoring_with_the_pool_equals_the_per_option_path()
    {
        await using var pooled = await LlamaSharpLanguageModel.LoadAsync(StoriesModelFixture.ModelPath, Options(pool: true));
        MultipleChoiceQuestion[] questions =
        [
            new("Lily went to the park. She saw a", ["big red ball", "dog", "little bird in the tree", "cat"]),
            new("Tom was sad because his toy", ["was broken", "ran to the park with his mom", "was happy"]),
        ];

        var shared = await pooled.ScoreChoicesAsync(questions);
        var naive = await pooled.ScoreChoicesNaiveAsync(questions);

        for (var q = 0; q < questions.Length; q++)
        {
            Assert.Equal(naive[q].ChosenByTotal, shared[q].ChosenByTotal);
            for (var o = 0; o < questions[q].Options.Count; o++)
            {
                Assert.Equal(naive[q].Options[o].TotalLogLikelihood, shared[q].Options[o].TotalLogLikelihood, 3);
            }
        }
    }
}
