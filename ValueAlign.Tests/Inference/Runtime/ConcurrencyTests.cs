using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Inference.Runtime;

[Collection(StoriesModelCollection.Name)]
public sealed class ConcurrencyTests(StoriesModelFixture fixture)
{
    private static readonly string[] Prompts =
    [
        "Once upon a time", "The cat", "Lily liked to", "Tom had a big", "One day, the sun", "The bird sang",
        "Mom said", "They went to the park", "The little dog", "Ben wanted a", "In the garden", "The sky was",
        "Sue and her friend", "The fish swam", "At night, the moon", "The old man",
    ];

    [Fact]
    public async Task Sixteen_parallel_requests_each_get_the_output_their_prompt_gives_alone()
    {
        var options = GenerationOptions.Greedy(24);
        var alone = new Dictionary<string, string>();
        foreach (var prompt in Prompts)
        {
            alone[prompt] = await fixture.Model.CompleteTextAsync(prompt, options);
        }
        var scoreAlone = await fixture.Model.ScoreContinuationAsync("Once upon a time,", "there was a girl.");

        var generations = Prompts.Select(p => Task.Run(() => fixture.Model.CompleteTextAsync(p, options))).ToArray();
        var scores = Enumerable.Range(0, 4).Select(_ => Task.Run(() => fixture.Model.ScoreContinuationAsync("Once upon a time,", "there was a girl."))).ToArray();
        var texts = await Task.WhenAll(generations);
        var sums = (await Task.WhenAll(scores)).Select(s => s.Sum);

        for (var i = 0; i < Prompts.Length; i++)
        {
            Assert.Equal(alone[Prompts[i]], texts[i]);
        }
        Assert.True(alone.Values.Distinct().Count() >= 12, "The prompts should mostly give different outputs, or a mix-up would go unnoticed.");
        Assert.All(sums, sum => Assert.Equal(scoreAlone.Sum, sum, 1e-6));
    }

    [Fact]
    public async Task A_request_cancelled_while_queued_leaves_the_queue_and_one_cancelled_while_running_stops()
    {
        var scoreAlone = await fixture.Model.ScoreContinuationAsync("The dog", "ran.");
        // A long request holds the model: many questions scored the slow way, cancelled below.
        var question = new MultipleChoiceQuestion("Once upon a time, there was a little girl named", ["Lily.", "Tom.", "Sue.", "a dog."]);
        using var stopLong = new CancellationTokenSource();
        var running = fixture.Model.ScoreChoicesNaiveAsync(Enumerable.Repeat(question, 20_000).ToArray(), stopLong.Token);
        await WaitUntil(() => fixture.Model.Busy);

        using var cancel = new CancellationTokenSource();
        var queued = fixture.Model.ScoreContinuationAsync("The cat", "sat.", cancel.Token);
        var after = fixture.Model.ScoreContinuationAsync("The dog", "ran.");
        await WaitUntil(() => fixture.Model.QueuedRequests == 2);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.Equal(1, fixture.Model.QueuedRequests);
        Assert.False(running.IsCompleted, "The long request finished before the test could cancel it.");

        await stopLong.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        var score = await after;
        Assert.Equal(scoreAlone.TokenLogProbs, score.TokenLogProbs);
        Assert.Equal(0, fixture.Model.QueuedRequests);
    }

    [Fact]
    public async Task A_generation_cancelled_while_running_stops_and_frees_the_model()
    {
        using var cancel = new CancellationTokenSource();
        var options = GenerationOptions.Greedy(1500);
        var pieces = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in fixture.Model.CompleteAsync("Once upon a time", options, cancel.Token))
            {
                if (++pieces == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });
        Assert.InRange(pieces, 3, 1499);
        await WaitUntil(() => !fixture.Model.Busy);
        var text = await fixture.Model.CompleteTextAsync("Once upon a time", GenerationOptions.Greedy(12));
        Assert.StartsWith(", there was a little girl named Lily.", text);
    }

    [Fact]
    public async Task A_reader_that_stops_early_gives_the_model_back()
    {
        await foreach (var _ in fixture.Model.CompleteAsync("Once upon a time", GenerationOptions.Greedy(500)))
        {
            break;
        }
        Assert.False(fixture.Model.Busy);
        var score = await fixture.Model.ScoreContinuationAsync("The cat", "sat.");
        Assert.NotEmpty(score.Tokens);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(condition(), "The condition did not become true within 5 seconds.");
    }
}
