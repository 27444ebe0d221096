using ValueAlign.Core.Evaluation.Batching;
using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Evaluation.Batching;

/// <summary>How the grouping model packs the scoring requests of units in flight into calls of the real scorer.</summary>
public sealed class GroupingLanguageModelTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static MultipleChoiceQuestion Question(string prompt) => new(prompt, ["A", "B", "C"]);

    [Fact]
    public async Task The_requests_of_all_units_in_flight_go_out_as_one_call_and_each_unit_gets_its_own_results()
    {
        var inner = new RecordingChoiceModel();
        var grouping = new GroupingLanguageModel(inner);
        var leases = Enumerable.Range(0, 3).Select(_ => grouping.EnterUnit()).ToList();

        var first = grouping.ScoreChoicesAsync([Question("p")]);
        var second = grouping.ScoreChoicesAsync([Question("prompt two"), Question("qq")]);
        Assert.Empty(inner.ScoringCalls); // one unit has not asked yet
        var third = grouping.ScoreChoicesAsync([Question("third")]);

        var results = await Task.WhenAll(first, second, third).WaitAsync(Wait);
        var call = Assert.Single(inner.ScoringCalls);
        Assert.Equal(["p", "prompt two", "qq", "third"], call.Select(q => q.Prompt));
        Assert.Equal([-1.0, -2, -3], results[0].Single().Options.Select(o => o.TotalLogLikelihood));
        Assert.Equal([-10.0, -11, -12], results[1][0].Options.Select(o => o.TotalLogLikelihood));
        Assert.Equal([-2.0, -3, -4], results[1][1].Options.Select(o => o.TotalLogLikelihood));
        Assert.Equal([-5.0, -6, -7], results[2].Single().Options.Select(o => o.TotalLogLikelihood));
        Assert.Equal((1, 4), (grouping.Batches, grouping.Questions));
        leases.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task A_unit_that_is_generating_does_not_hold_back_the_scoring_of_the_others()
    {
        var inner = new RecordingChoiceModel();
        var grouping = new GroupingLanguageModel(inner);
        using var generator = grouping.EnterUnit();
        using var scorer = grouping.EnterUnit();
        var generation = Task.Run(async () =>
        {
            await foreach (var _ in grouping.CompleteAsync("story", GenerationOptions.Greedy(4)))
            {
            }
        });

        var scored = await grouping.ScoreChoicesAsync([Question("alone")]).WaitAsync(Wait);

        Assert.Equal(-5, scored.Single().Options[0].TotalLogLikelihood);
        Assert.False(generation.IsCompleted);
        inner.GenerationGate.SetResult();
        await generation.WaitAsync(Wait);
    }

    [Fact]
    public async Task A_unit_that_finishes_without_scoring_releases_the_batch_waiting_for_it()
    {
        var inner = new RecordingChoiceModel();
        var grouping = new GroupingLanguageModel(inner);
        var idle = grouping.EnterUnit();
        using var asking = grouping.EnterUnit();
        var pending = grouping.ScoreChoicesAsync([Question("waiting")]);
        await Task.Delay(50);
        Assert.False(pending.IsCompleted);

        idle.Dispose();
        idle.Dispose(); // a second dispose changes nothing

        Assert.Single(await pending.WaitAsync(Wait));
        using var again = grouping.EnterUnit();
        var next = grouping.ScoreChoicesAsync([Question("x")]);
        Assert.False(next.IsCompleted); // two units in flight again, one asking
    }

    [Fact]
    public async Task A_cancelled_request_leaves_its_batch_and_the_others_are_scored_without_it()
    {
        var inner = new RecordingChoiceModel();
        var grouping = new GroupingLanguageModel(inner);
        var cancelled = grouping.EnterUnit();
        using var b = grouping.EnterUnit();
        using var c = grouping.EnterUnit();
        using var cancel = new CancellationTokenSource();
        var withdrawn = grouping.ScoreChoicesAsync([Question("gone")], cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn.WaitAsync(Wait));
        cancelled.Dispose();
        var results = await Task.WhenAll(grouping.ScoreChoicesAsync([Question("b")]), grouping.ScoreChoicesAsync([Question("c")])).WaitAsync(Wait);

        Assert.Equal(["b", "c"], Assert.Single(inner.ScoringCalls).Select(q => q.Prompt));
        Assert.Equal(2, results.Length);
    }

    [Fact]
    public async Task A_failing_scorer_fails_every_request_of_the_batch_with_its_error()
    {
        var inner = new RecordingChoiceModel { FailScoring = true };
        var grouping = new GroupingLanguageModel(inner);
        using var a = grouping.EnterUnit();
        using var b = grouping.EnterUnit();
        var first = grouping.ScoreChoicesAsync([Question("a")]);
        var second = grouping.ScoreChoicesAsync([Question("b")]);

        Assert.Equal("the scorer broke", (await Assert.ThrowsAsync<InvalidOperationException>(() => first.WaitAsync(Wait))).Message);
        Assert.Equal("the scorer broke", (await Assert.ThrowsAsync<InvalidOperationException>(() => second.WaitAsync(Wait))).Message);
    }
}
