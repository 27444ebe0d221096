using System.Text.Json;
using ValueAlign.Core.Methods.Irote;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Tests.Methods.Optimisation;
using ValueAlign.Tests.Methods.Picaco;

namespace ValueAlign.Tests.Methods.Irote;

/// <summary>IROTE on the hand-computable script (<see cref="IroteScript"/>).</summary>
public sealed class IroteOptimiserTests
{
    [Fact]
    public void Hand_computed_objectives_of_the_script()
    {
        // "I care.": weights 1/(1+e^−2) = 0.880797 and 0.119203 → 0.880797·ln 0.9 + 0.119203·ln 0.2
        Assert.Equal(-0.2846509, IroteScript.R("I care."), 6);
        Assert.Equal(-1.4301474, IroteScript.R("I win."), 6);
        Assert.Equal(-0.8573992, IroteScript.R("I help."), 6);
        Assert.Equal(-0.1324132, IroteScript.R("I care deeply."), 6);
    }

    [Fact]
    public async Task Round_one_writes_compacts_evaluates_revises_and_keeps_the_best()
    {
        var (model, setup) = IroteScript.Build(rounds: 1);
        var result = await new IroteOptimiser(model).RunAsync(setup, []);
        var round = Assert.Single(result.Rounds);

        Assert.Equal(new[] { ("I care.", ReflectionOrigin.Initial), ("I win.", ReflectionOrigin.Initial), ("I help.", ReflectionOrigin.Synthesised), ("I care deeply.", ReflectionOrigin.Revised) },
            round.Candidates.Select(c => (c.Text, c.Origin)));
        foreach (var c in round.Candidates)
        {
            Assert.Equal(IroteScript.R(c.Text), c.Evocativeness!.Value, 9);
        }
        Assert.Equal(new[] { "I care.", "I win." }, round.Behaviours.Select(b => b.Reflection));
        Assert.All(round.Behaviours, b => Assert.Equal(new[] { "help" }, b.Behaviours));
        var samples = round.Candidates[0].Prompts.Single().Samples;
        Assert.Equal(new[] { "kind reply", "cold reply" }, samples.Select(s => s.Text));
        Assert.Equal(1 / (1 + Math.Exp(-2)), samples[0].Weight, 9);
        Assert.Equal(Math.Log(0.2), samples[1].LogTrait, 9);
        Assert.Equal("I care deeply.", Assert.Single(round.Kept).Text);
        Assert.Equal("I care deeply.", result.Reflection);
        // Only the best reflection (keep = 1) was revised.
        Assert.Single(model.Completions, c => c.Prompt.EndsWith("Revised self-reflection:\n", StringComparison.Ordinal));
        Assert.Contains("Self-reflection: I care.\n", model.Completions.Single(c => c.Prompt.EndsWith("Revised self-reflection:\n", StringComparison.Ordinal)).Prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Later_rounds_carry_the_kept_reflections_without_resampling_them()
    {
        var (model, setup) = IroteScript.Build(rounds: 2);
        var result = await new IroteOptimiser(model).RunAsync(setup, []);
        var second = result.Rounds[1];

        Assert.Equal(new[] { "I care deeply.", "I help.", "I care deeply." }, second.Candidates.Select(c => c.Text));
        Assert.Equal(1, second.Candidates[0].Round);
        Assert.Equal("same as an earlier revised reflection", second.Candidates[2].Note);
        // R is a function of the text: "I help." scores the same in both rounds.
        Assert.Equal(result.Rounds[0].Candidates[2].Evocativeness, second.Candidates[1].Evocativeness);
        // Round 2 sampled responses for "I help." only (2 samples); the kept reflection was not resampled.
        var steered = model.Completions.Where(c => c.Prompt.EndsWith("Response:\n", StringComparison.Ordinal)).ToList();
        Assert.Equal(4 * 2 + 2, steered.Count);
        Assert.Equal("I care deeply.", result.Reflection);
        Assert.Equal(StopReason.RoundLimit(2), result.StopReason);
    }

    [Fact]
    public async Task Every_reflection_is_cut_to_the_token_cap()
    {
        var model = new ScriptedOptimiserModel
        {
            Respond = (prompt, _) => prompt.EndsWith("Response:\n", StringComparison.Ordinal) ? "reply" : "I " + new string('k', 120),
        };
        var trait = IroteScript.Trait;
        var setup = new IroteSetup(trait, [IroteScript.Prompt], new JudgeTraitScorer(model, trait), IroteScript.Settings(rounds: 1) with { MaxReflectionTokens = 50 });

        var result = await new IroteOptimiser(model).RunAsync(setup, []);

        // One token per character: every reflection (initial, synthesised, revised) is exactly 50 characters.
        Assert.All(result.Rounds[0].Candidates, c => Assert.Equal(50, c.Text.Length));
        Assert.All(model.Completions.Where(c => !c.Prompt.EndsWith("Response:\n", StringComparison.Ordinal) && !c.Prompt.EndsWith("Behaviour:\n", StringComparison.Ordinal)),
            c => Assert.Equal(58, c.Options.MaxTokens));
    }

    [Fact]
    public async Task A_killed_run_resumes_from_its_last_finished_round_with_the_same_result()
    {
        var (wholeModel, wholeSetup) = IroteScript.Build(rounds: 2);
        var whole = await new IroteOptimiser(wholeModel).RunAsync(wholeSetup, []);

        var saved = new List<string>();
        var (killedModel, killedSetup) = IroteScript.Build(rounds: 2);
        await Assert.ThrowsAsync<OperationCanceledException>(() => new IroteOptimiser(killedModel).RunAsync(killedSetup, [], (round, _) =>
        {
            saved.Add(JsonSerializer.Serialize(round));
            throw new OperationCanceledException("killed");
        }));
        var (resumedModel, resumedSetup) = IroteScript.Build(rounds: 2);
        var resumed = await new IroteOptimiser(resumedModel).RunAsync(resumedSetup, saved.Select(s => JsonSerializer.Deserialize<IroteRound>(s)!).ToList());

        Assert.Equal(Comparable(whole), Comparable(resumed));
        Assert.DoesNotContain(resumedModel.Completions, c => c.Prompt.StartsWith("Write a short self-reflection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Progress_names_the_phases()
    {
        var (model, setup) = IroteScript.Build(rounds: 1);
        var reports = new List<OptimisationProgress>();
        await new IroteOptimiser(model).RunAsync(setup, [], progress: new SyncProgress<OptimisationProgress>(reports.Add));

        Assert.Equal(new[] { "Writing reflections", "Compactness", "Evocativeness" }, reports.Select(r => r.Phase).Distinct());
        Assert.Contains(reports, r => r is { Phase: "Evocativeness", Done: 3, Total: 3 });
    }

    private static string Comparable(IroteResult result) =>
        JsonSerializer.Serialize(new { result.Reflection, result.StopReason, Rounds = result.Rounds.Select(r => r with { Elapsed = TimeSpan.Zero }) });
}
