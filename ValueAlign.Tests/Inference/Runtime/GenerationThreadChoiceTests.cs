using Microsoft.Extensions.Logging.Abstractions;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.LlamaSharp;

namespace ValueAlign.Tests.Inference.Runtime;

/// <summary>
/// The generation thread count: chosen by timing for small models, as configured otherwise, and
/// never a change in what is generated.
/// </summary>
public sealed class GenerationThreadChoiceTests
{
    private static (GenerationThreadChoice.Choice Choice, int Set, List<int> Timed) Choose(
        int configured, int batchThreads, long parameters, Func<int, double> microseconds)
    {
        var timed = new List<int>();
        var set = -1;
        var choice = GenerationThreadChoice.Apply(
            new ModelRuntimeOptions { GenerationThreads = configured }, batchThreads, parameters, 4096,
            threads => { timed.Add(threads); return microseconds(threads); }, threads => set = threads, NullLogger.Instance);
        return (choice, set, timed);
    }

    [Theory]
    [InlineData(170.0, 185.0, 1)]
    [InlineData(2670.0, 1585.0, 2)]
    public void A_small_model_keeps_the_faster_of_one_thread_and_the_batch_threads(double oneThread, double twoThreads, int expected)
    {
        var (choice, set, timed) = Choose(0, 2, 20_800_000, threads => threads == 1 ? oneThread : twoThreads);

        Assert.Equal(expected, choice.Threads);
        Assert.Equal(expected, set);
        Assert.Equal(oneThread, choice.MicrosecondsPerToken![1]);
        Assert.Equal(twoThreads, choice.MicrosecondsPerToken[2]);
        // A warm-up on the batch threads, then alternating trials of both counts.
        Assert.Equal([2, 1, 2, 1, 2, 1, 2], timed);
    }

    [Fact]
    public void The_best_trial_counts_not_the_first()
    {
        var calls = 0;
        // One thread's first trial is slow (a disturbance); its later trials are the fastest.
        var (choice, _, _) = Choose(0, 2, 260_000, threads => ++calls == 2 ? 900 : threads == 1 ? 150 : 200);
        Assert.Equal(1, choice.Threads);
        Assert.Equal(150, choice.MicrosecondsPerToken![1]);
    }

    [Fact]
    public void A_configured_count_is_used_as_given_within_the_pool_and_nothing_is_timed()
    {
        var (choice, set, timed) = Choose(1, 2, 260_000, _ => throw new InvalidOperationException("not timed"));
        Assert.Equal((1, 1), (choice.Threads, set));
        Assert.Null(choice.MicrosecondsPerToken);
        Assert.Empty(timed);

        Assert.Equal(4, Choose(8, 4, 260_000, _ => 0).Set);
    }

    [Theory]
    [InlineData(4, 7_000_000_000L)]
    [InlineData(1, 260_000L)]
    public void A_large_model_or_a_single_thread_keeps_the_batch_threads_untimed(int batchThreads, long parameters)
    {
        var (choice, set, timed) = Choose(0, batchThreads, parameters, _ => throw new InvalidOperationException("not timed"));
        Assert.Equal((batchThreads, batchThreads), (choice.Threads, set));
        Assert.Empty(timed);
    }

    [Fact]
    public void A_negative_setting_is_refused_with_its_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ModelRuntimeOptions { GenerationThreads = -1 }.Validate());
        Assert.Contains("GenerationThreads", error.Message);
    }

    [Fact]
    public async Task Greedy_generation_is_identical_on_one_and_two_generation_threads_and_after_the_timing_at_load()
    {
        static ModelRuntimeOptions Options(int generationThreads) => new()
        {
            Threads = 2,
            GenerationThreads = generationThreads,
            ContextSize = 1024,
            BatchSize = 512,
            MicroBatchSize = 512,
            MaxSequences = 16,
            EmbeddingContextSize = 128,
        };
        await using var one = await LlamaSharpLanguageModel.LoadAsync(StoriesModelFixture.ModelPath, Options(1));
        await using var two = await LlamaSharpLanguageModel.LoadAsync(StoriesModelFixture.ModelPath, Options(2));
        await using var timed = await LlamaSharpLanguageModel.LoadAsync(StoriesModelFixture.ModelPath, Options(0));
        var greedy = GenerationOptions.Greedy(96) with { IgnoreEndOfGeneration = true };

        Assert.Equal(1, one.GenerationThreads.Threads);
        Assert.Equal(2, two.GenerationThreads.Threads);
        Assert.Contains(timed.GenerationThreads.Threads, new[] { 1, 2 });
        Assert.Equal(2, timed.GenerationThreads.MicrosecondsPerToken!.Count);

        var onOne = await TextGeneration.CollectAsync(one.CompleteAsync("Once upon a time", greedy));
        Assert.StartsWith(", there was a little girl named Lily.", onOne);
        Assert.Equal(onOne, await TextGeneration.CollectAsync(two.CompleteAsync("Once upon a time", greedy)));
        // The timing generated tokens at load and cleared the cache: nothing of it shows.
        Assert.Equal(onOne, await TextGeneration.CollectAsync(timed.CompleteAsync("Once upon a time", greedy)));
    }
}
