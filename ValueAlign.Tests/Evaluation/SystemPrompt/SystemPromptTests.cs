using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Inference;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.Culture;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Methods.Structured;
using ValueAlign.Tests.Methods.Optimisation;

namespace ValueAlign.Tests.Evaluation.SystemPrompt;

/// <summary>A run's system prompt: what the model sees, what is hashed, and what is stored.</summary>
public sealed class SystemPromptTests
{
    [Fact]
    public async Task Every_prompt_of_the_model_starts_with_the_system_prompt()
    {
        var inner = new ScriptedOptimiserModel { Respond = (_, _) => "ok" };
        var model = SystemPromptedModel.Wrap(inner, "  Be kind.  ");

        await TextSampler.SampleAsync(model, "Request: Hi\nResponse:\n", GenerationOptions.Greedy(), CancellationToken.None);
        await model.ScoreContinuationAsync("Q: ", "A");
        Assert.Equal("Be kind.\n\nRequest: Hi\nResponse:\n", inner.Completions.Single().Prompt);
        Assert.Equal(("Be kind.\n\nQ: ", "A"), inner.Scored.Single());
        // With BOS the prompt is tokenized with its prefix; a continuation (no BOS) is not.
        Assert.Equal((await inner.TokenizeAsync("Be kind.\n\nQ", true)).ToArray(), (await model.TokenizeAsync("Q", true)).ToArray());
        Assert.Equal((await inner.TokenizeAsync("Q", false)).ToArray(), (await model.TokenizeAsync("Q", false)).ToArray());
        Assert.Same(inner, SystemPromptedModel.Wrap(inner, " "));
    }

    [Fact]
    public async Task Digit_slots_are_read_after_the_prefixed_prompt()
    {
        var read = new List<string>();
        var inner = new ScriptedOptimiserModel { SlotLogProbs = text => { read.Add(text); return [Math.Log(0.25), Math.Log(0.75)]; } };
        var model = SystemPromptedModel.Wrap(inner, "Be kind.");

        var slots = await DigitSlots.ReadAsync(model, 0, 1, "Judge: ", "{\"answer\": 1}", ["answer"], CancellationToken.None);

        Assert.Equal("Be kind.\n\nJudge: {\"answer\": ", Assert.Single(read));
        Assert.Equal(Math.Log(0.75), slots[0].LogProbs![1], 12);
    }

    [Fact]
    public void A_system_prompt_changes_the_configuration_hash_and_no_prompt_keeps_the_old_one()
    {
        var without = EvalConfigHash.Compute("m", 1, "model", "{}", "{}", 0);
        Assert.Equal(without, EvalConfigHash.Compute("m", 1, "model", "{}", "{}", 0, null, null));
        Assert.NotEqual(without, EvalConfigHash.Compute("m", 1, "model", "{}", "{}", 0, null, "Be kind."));
        Assert.NotEqual(EvalConfigHash.Compute("m", 1, "model", "{}", "{}", 0, null, "Be kind."), EvalConfigHash.Compute("m", 1, "model", "{}", "{}", 0, null, "Be fair."));
    }

    [Fact]
    public async Task A_run_stores_its_system_prompt_and_is_not_served_from_the_cache_of_a_run_without_one()
    {
        await using var bed = await EvalTestBed.CreateAsync();
        await bed.ImportDemoFileAsync("mma-asia-demo.jsonl");
        var filter = new ItemFilter { Kind = ItemKind.CultureMultipleChoice };

        var plain = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, CultureMcqMethod.MethodId, filter, "{\"mode\":\"likelihood\"}"), "curator");
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(plain.JobId, CancellationToken.None));
        var steered = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, CultureMcqMethod.MethodId, filter, "{\"mode\":\"likelihood\"}")
        {
            SystemPrompt = " Once upon a time there was a wise old owl. ",
        }, "curator");
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(steered.JobId, CancellationToken.None));

        Assert.Equal("Once upon a time there was a wise old owl.", (await bed.Runs.GetAsync(steered.Id))!.SystemPrompt);
        Assert.NotEqual(plain.ConfigHash, steered.ConfigHash);
        await using var db = bed.OpenDb();
        var a = await db.EvalItemResults.Where(r => r.RunId == plain.Id).OrderBy(r => r.ItemId).ThenBy(r => r.UnitKey).ToListAsync();
        var b = await db.EvalItemResults.Where(r => r.RunId == steered.Id).OrderBy(r => r.ItemId).ThenBy(r => r.UnitKey).ToListAsync();
        Assert.All(b, r => Assert.False(r.FromCache));
        // The options were scored after a different prompt, so their log-likelihoods differ.
        Assert.NotEqual(a.Select(r => r.RawOutput), b.Select(r => r.RawOutput));
        var tooLong = await Assert.ThrowsAsync<EvalRunException>(() => bed.Runs.CreateAsync(
            new EvalRunRequest(EvalTestBed.StoriesModel, CultureMcqMethod.MethodId, filter) { SystemPrompt = new string('x', EvalRunService.MaxSystemPromptLength + 1) }, "curator"));
        Assert.Contains("at most 8000", tooLong.Message, StringComparison.Ordinal);
    }
}
