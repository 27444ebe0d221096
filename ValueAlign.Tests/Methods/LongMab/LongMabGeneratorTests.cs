using ValueAlign.Core.Benchmarks.LongContext;
using ValueAlign.Core.Methods.LongMab;

namespace ValueAlign.Tests.Methods.LongMab;

/// <summary>
/// The whole LongMab-PO loop on a scripted model, against a round-by-round sequence worked out by
/// hand: three one-sentence chunks, k = 1, four rounds.
/// </summary>
public class LongMabGeneratorTests
{
    private static readonly LongContextQa Qa = new("Who designed Kerrow Light?",
    [
        new LongContextPassage(null, ["Alpha mentions Marta."]),
        new LongContextPassage(null, ["Kerrow Light was designed by Marta Quell."], true),
        new LongContextPassage(null, ["Gamma is unrelated."]),
    ], ["Marta Quell"], true);

    private static readonly LongMabOptions Options = new() { Rounds = 4, ChunksPerRound = 1, ChunkTokens = 1, OverlapSentences = 0 };

    /// <summary>Answers from whichever chunk it is shown; embeds texts about Kerrow as [1, 0], others as [0, 1].</summary>
    private static ScriptedChatModel Model() => new()
    {
        Respond = (prompt, _) =>
            prompt.StartsWith("Question:", StringComparison.Ordinal) ? "Something about Kerrow."
            : prompt.Contains("designed by Marta Quell") ? "It says so.\nAnswer: Marta Quell"
            : prompt.Contains("Alpha mentions Marta") ? "Answer: Marta"
            : "Answer: unknown",
        Embed = text => text.Contains("Kerrow") ? [1, 0] : [0, 1],
    };

    [Fact]
    public async Task Rounds_follow_the_hand_computed_ucb_sequence()
    {
        var model = Model();
        var trace = await LongMabGenerator.RunAsync(model, "demo/kerrow", Qa, Options, seed: 7);

        Assert.Equal(3, trace.Chunks.Count);
        Assert.Equal([false, true, false], trace.Chunks.Select(c => c.Supporting));
        Assert.Equal("Something about Kerrow.", trace.Probe);
        Assert.Equal([0.0, 1.0, 0.0], trace.InitialValues);

        // t=1: UCB = v → chunk 1, reward 1 (v1 stays 1). t=2: chunks 0 and 2 unplayed, tie → 0; "Marta": SubEM 0,
        // F1 2/3, reward 1/3, v0 = 0 + (1/3)/2 = 1/6. t=3: chunk 2 unplayed → 2, reward 0, v2 = 0.
        // t=4: UCB0 = 1/6 + sqrt(2 ln 4) = 1.832, UCB1 = 1 + sqrt(2 ln 4 / 1) = 2.665, UCB2 = 0 + 1.665 → chunk 1, reward 1.
        Assert.Equal([[1], [0], [2], [1]], trace.Rollouts.Select(r => r.Chunks.ToArray()));
        Assert.Equal([1.0, 1.0 / 3, 0.0, 1.0], trace.Rollouts.Select(r => r.Reward), new ToleranceComparer(1e-12));
        Assert.Equal(["Marta Quell", "Marta", "unknown", "Marta Quell"], trace.Rollouts.Select(r => r.Answer));
        Assert.Equal(1 + Math.Sqrt(2 * Math.Log(4) / (1 + 1e-6)), trace.Rollouts[3].ChunkScores[0], 9);
        var last = trace.Rollouts[3].ValuesAfter;
        Assert.Equal(1.0 / 6, last[0], 12);
        Assert.Equal(1.0, last[1], 12);
        Assert.Equal(0.0, last[2], 12);

        var pair = trace.Pair!;
        Assert.Equal((1, 3), (pair.ChosenRound, pair.RejectedRound));
        Assert.Equal("It says so.\nAnswer: Marta Quell", pair.Chosen);
        Assert.Equal("Answer: unknown", pair.Rejected);
        // The pair's prompt holds the whole context; a rollout's only its chunks.
        Assert.Contains("Alpha mentions Marta.", pair.Prompt);
        Assert.Contains("Gamma is unrelated.", pair.Prompt);
        Assert.Contains("[1] Kerrow Light was designed by Marta Quell.", model.Chats[1].Prompt);
        Assert.DoesNotContain("Gamma", model.Chats[1].Prompt);
        Assert.True(trace.Finished);
    }

    [Fact]
    public async Task Same_seed_gives_the_same_rollouts_and_each_round_samples_with_its_own_seed()
    {
        // A reply that depends on the seed, like real sampling.
        ScriptedChatModel SeedModel() => new()
        {
            Respond = (prompt, options) => prompt.StartsWith("Question:", StringComparison.Ordinal) ? "probe"
                : options.Seed % 2 == 0 ? "Answer: Marta Quell" : "Answer: no idea",
            Embed = text => text.Contains("Kerrow") ? [1, 0] : [0, 1],
        };
        var options = Options with { Rounds = 8, Temperature = 0.9f };
        var first = await LongMabGenerator.RunAsync(SeedModel(), "demo/kerrow", Qa, options, seed: 3);
        var again = await LongMabGenerator.RunAsync(SeedModel(), "demo/kerrow", Qa, options, seed: 3);
        Assert.Equal(first.Rollouts.Select(r => (r.Seed, r.Output, r.Reward)), again.Rollouts.Select(r => (r.Seed, r.Output, r.Reward)));
        Assert.Equal(8, first.Rollouts.Select(r => r.Seed).Distinct().Count());
        var other = await LongMabGenerator.RunAsync(SeedModel(), "demo/kerrow", Qa, options, seed: 4);
        Assert.NotEqual(first.Rollouts.Select(r => r.Seed), other.Rollouts.Select(r => r.Seed));
    }

    [Fact]
    public async Task All_equal_rewards_give_no_pair_but_keep_every_rollout()
    {
        var model = new ScriptedChatModel { Respond = (_, _) => "Answer: unknown" };
        var trace = await LongMabGenerator.RunAsync(model, "x", Qa, Options, seed: 1);
        Assert.Equal(4, trace.Rollouts.Count);
        Assert.Null(trace.Pair);
    }

    [Fact]
    public async Task Progress_reports_each_round_and_cancellation_stops_between_rounds()
    {
        var reports = new List<LongMabTrace>();
        using var cancel = new CancellationTokenSource();
        var model = Model();
        var progress = new SynchronousProgress(t =>
        {
            reports.Add(t);
            if (t.Rollouts.Count == 2) cancel.Cancel();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LongMabGenerator.RunAsync(model, "x", Qa, Options, 1, progress, cancel.Token));
        Assert.Equal([0, 1, 2], reports.Select(r => r.Rollouts.Count));
        Assert.All(reports, r => Assert.False(r.Finished));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }

    private sealed class SynchronousProgress(Action<LongMabTrace> report) : IProgress<LongMabTrace>
    {
        public void Report(LongMabTrace value) => report(value);
    }
}
