using System.Text.Json;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Methods.Picaco;

namespace ValueAlign.Tests.Methods.Picaco;

/// <summary>PICACO end to end on the hand-computable script (<see cref="PicacoScript"/>).</summary>
public sealed class PicacoOptimiserTests
{
    private static readonly double Good = Math.Log(0.8) + Math.Log(0.9) - Math.Log(1 / Math.Sqrt(2));   // cos((1,1),(1,0)) = 1/√2
    private static readonly double Bad = 2 * Math.Log(0.5) - Math.Log(1 / Math.Sqrt(10));               // cos((1,3),(1,0)) = 1/√10
    private static readonly double Great = 2 * Math.Log(0.9) - Math.Log(1 / Math.Sqrt(5));              // cos((1,2),(1,0)) = 1/√5
    private static readonly double GoodAlignment = Math.Sqrt(0.8 * 0.9);
    private static readonly double ValueWordsParroting = 1 / Math.Sqrt(1.01);

    [Fact]
    public async Task Round_one_scores_pools_and_picks_the_instruction_with_the_highest_objective()
    {
        var result = await new PicacoOptimiser(PicacoScript.Model(), PicacoScript.Model()).RunAsync(PicacoScript.Setup(), []);
        var first = result.Rounds[0];

        Assert.Equal("Start.", first.Instruction);
        var pool = Assert.Single(first.Pools);
        Assert.Equal(new[] { "good answer", "bad answer" }, pool.Aligned.Select(r => r.Text));
        Assert.Equal(Good, pool.Aligned[0].Score.Score, 9);
        Assert.Equal(0.018069, pool.Aligned[0].Score.Score, 5);
        Assert.Equal(Bad, pool.Aligned[1].Score.Score, 9);
        Assert.Equal(new[] { Math.Log(0.8), Math.Log(0.9) }, pool.Aligned[0].Score.LogConformity, new RoundedComparer());
        Assert.Equal("value words", Assert.Single(pool.Noisy).Text);
        Assert.Equal(ValueWordsParroting, pool.Noisy[0].Score.Parroting, 6);

        // Candidates: the current instruction first, then the proposals (the second one unquoted, first line only).
        Assert.Equal(new[] { "Start.", "Be kind.", "Be fair." }, first.Candidates.Select(c => c.Text));
        // J(e) = mean(LL·alignment over {good, bad}) − LL(value words)·parroting
        var start = (-5 * GoodAlignment + -5 * 0.5) / 2 + 5 * ValueWordsParroting;
        var kind = (-2 * GoodAlignment + -6 * 0.5) / 2 + 8 * ValueWordsParroting;
        var fair = (-3 * GoodAlignment + -3 * 0.5) / 2 + 4 * ValueWordsParroting;
        Assert.Equal(start, first.Candidates[0].Objective!.Objective, 6);
        Assert.Equal(kind, first.Candidates[1].Objective!.Objective, 6);
        Assert.Equal(5.61177, kind, 4);
        Assert.Equal(fair, first.Candidates[2].Objective!.Objective, 6);
        Assert.Equal(-2.348528, first.Candidates[1].Objective!.AlignmentTerm, 5);
        Assert.Equal(-8 * ValueWordsParroting, first.Candidates[1].Objective!.ParrotingTerm, 6);
        Assert.Equal("Be kind.", first.Winner);
        Assert.False(first.Converged);

        // Means over the responses sampled with the instruction (good and bad).
        Assert.Equal((Good + Bad) / 2, first.Sampled.MeanScore, 9);
        Assert.Equal((GoodAlignment + 0.5) / 2, first.Sampled.MeanAlignment, 9);
        Assert.Equal((1 / Math.Sqrt(2) + 1 / Math.Sqrt(10)) / 2, first.Sampled.MeanParroting, 6);
        Assert.Equal(new[] { 0.65, 0.7 }, first.Sampled.MeanConformity, new RoundedComparer());
    }

    [Fact]
    public async Task Pools_accumulate_across_rounds_and_keep_the_earlier_of_equal_responses()
    {
        var result = await new PicacoOptimiser(PicacoScript.Model(), PicacoScript.Model()).RunAsync(PicacoScript.Setup(), []);
        var second = result.Rounds[1];

        Assert.Equal("Be kind.", second.Instruction);
        var pool = Assert.Single(second.Pools);
        // Candidates for the aligned pool: good (r1), bad (r1), good (r2), great (r2); M1 = 2 keeps great and the round-1 good.
        Assert.Equal(new[] { ("great answer", 2), ("good answer", 1) }, pool.Aligned.Select(r => (r.Text, r.Round)));
        Assert.Equal(Great, pool.Aligned[0].Score.Score, 9);
        // The noisy pool (M2 = 1) keeps the round-1 "value words" over its equal round-2 copy.
        Assert.Equal(("value words", 1), (pool.Noisy[0].Text, pool.Noisy[0].Round));
    }

    [Fact]
    public async Task Stops_when_the_instruction_stops_changing()
    {
        var model = PicacoScript.Model();
        var result = await new PicacoOptimiser(model, model).RunAsync(PicacoScript.Setup(rounds: 5), []);

        Assert.Equal(2, result.Rounds.Count);
        var second = result.Rounds[1];
        Assert.Equal("same as the current instruction", second.Candidates[1].Note);
        Assert.Null(second.Candidates[1].Objective);
        var kind = (-1 * 0.9 + -2 * GoodAlignment) / 2 + 8 * ValueWordsParroting;
        var fair = (-3 * 0.9 + -3 * GoodAlignment) / 2 + 4 * ValueWordsParroting;
        Assert.Equal(kind, second.Candidates[0].Objective!.Objective, 6);
        Assert.Equal(fair, second.Candidates[2].Objective!.Objective, 6);
        Assert.True(second.Converged);
        Assert.Equal("Be kind.", result.Instruction);
        Assert.Equal(StopReason.Converged(2), result.StopReason);
        // Nothing is sampled after the stop: 2 rounds × (4 responses + 2 proposals).
        Assert.Equal(12, model.Completions.Count);
    }

    [Fact]
    public async Task Stops_at_the_round_limit()
    {
        var result = await new PicacoOptimiser(PicacoScript.Model(), PicacoScript.Model()).RunAsync(PicacoScript.Setup(rounds: 1), []);

        Assert.Single(result.Rounds);
        Assert.Equal("Be kind.", result.Instruction);
        Assert.Equal(StopReason.RoundLimit(1), result.StopReason);
    }

    [Fact]
    public async Task A_killed_run_resumes_from_its_last_finished_round_with_the_same_result()
    {
        var whole = await new PicacoOptimiser(PicacoScript.Model(), PicacoScript.Model()).RunAsync(PicacoScript.Setup(), []);

        var saved = new List<string>();
        var killed = PicacoScript.Model();
        await Assert.ThrowsAsync<OperationCanceledException>(() => new PicacoOptimiser(killed, killed).RunAsync(PicacoScript.Setup(), [],
            (round, _) =>
            {
                saved.Add(JsonSerializer.Serialize(round));
                throw new OperationCanceledException("killed after round 1");
            }));
        var restored = saved.Select(s => JsonSerializer.Deserialize<PicacoRound>(s)!).ToList();
        var resumedModel = PicacoScript.Model();
        var resumed = await new PicacoOptimiser(resumedModel, resumedModel).RunAsync(PicacoScript.Setup(), restored);

        Assert.Equal(Comparable(whole), Comparable(resumed));
        // The resumed run sampled round 2 only.
        Assert.All(resumedModel.Completions, c => Assert.DoesNotContain("Start.", c.Prompt, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Progress_reports_each_phase_of_each_round()
    {
        var reports = new List<OptimisationProgress>();
        await new PicacoOptimiser(PicacoScript.Model(), PicacoScript.Model()).RunAsync(PicacoScript.Setup(rounds: 1), [], progress: new SyncProgress<OptimisationProgress>(reports.Add));

        Assert.Equal(new[] { "Response enhancement", "Proposing instructions", "Instruction refinement" }, reports.Select(r => r.Phase).Distinct());
        Assert.Contains(reports, r => r is { Phase: "Response enhancement", Done: 4, Total: 4 });
        Assert.Contains(reports, r => r is { Phase: "Instruction refinement", Done: 3, Total: 3 });
    }

    [Fact]
    public async Task Bad_settings_are_refused_before_any_sampling()
    {
        var model = PicacoScript.Model();
        var setup = PicacoScript.Setup() with { Settings = PicacoScript.Setup().Settings with { NoisyPoolSize = 0 } };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => new PicacoOptimiser(model, model).RunAsync(setup, []));
        Assert.Contains("noisy pool size (M2)", error.Message, StringComparison.Ordinal);
        Assert.Empty(model.Completions);
    }

    private static string Comparable(PicacoResult result) =>
        JsonSerializer.Serialize(new { result.Instruction, result.StopReason, Rounds = result.Rounds.Select(r => r with { Elapsed = TimeSpan.Zero }) });

    private sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;

        public int GetHashCode(double obj) => 0;
    }
}

/// <summary>Calls the handler on the reporting thread (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
