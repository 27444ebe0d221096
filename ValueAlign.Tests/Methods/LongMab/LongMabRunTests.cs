using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Artefacts;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.LongMab;
using ValueAlign.Tests.Evaluation;

namespace ValueAlign.Tests.Methods.LongMab;

/// <summary>
/// LongMab-PO as a generation run in the real engine (SQLite, job queue) over the HotpotQA demo
/// items, with a scripted model whose answers depend on the chunks shown and the sampling seed.
/// </summary>
public sealed class LongMabRunTests
{
    private static readonly ItemFilter DemoItems = new() { Benchmark = "hotpotqa", Kind = ItemKind.LongContextQa };

    private const string Parameters = """{"rounds":6,"chunksPerRound":2,"chunkTokens":120,"overlapSentences":1}""";

    /// <summary>Right when the chunks shown hold the answer (the reasoning varies with the seed); embeds by a word-presence proxy.</summary>
    private static ScriptedChatModel Model() => new()
    {
        Respond = (prompt, options) =>
        {
            if (prompt.StartsWith("Question:", StringComparison.Ordinal)) return "Think about the lighthouse and the orchards.";
            var lucky = options.Seed % 5 != 0;
            if (prompt.Contains("designed by the engineer Marta Quell")) return lucky ? "The light was built by her.\nAnswer: Marta Quell" : "Answer: Marta Quell";
            if (prompt.Contains("orchards of Harlow Vale")) return lucky ? "Pellam is older.\nAnswer: Harlow Vale" : "Answer: Harlow Vale";
            return "Answer: I cannot tell";
        },
        Embed = text => [text.Contains("Kerrow") ? 1 : 0.1f, text.Contains("Harlow") ? 1 : 0.1f, text.Length % 7 / 7f + 0.05f],
    };

    private static async Task<(EvalTestBed Bed, ScriptedChatModel Model)> BedAsync(Func<int, CancellationToken, Task>? gate = null)
    {
        var model = Model();
        if (gate is not null) model.Gate = gate;
        var bed = await EvalTestBed.CreateAsync(new ModelSwappingMethod(new LongMabMethod(new LongMabLiveFeed()), model));
        await bed.ImportDemoFileAsync("hotpotqa-demo.json");
        return (bed, model);
    }

    private static RunArtefactStore Store(EvalTestBed bed) => bed.Services.GetRequiredService<RunArtefactStore>();

    private static async Task<string> ArtefactTextAsync(EvalTestBed bed, long runId, string name) =>
        Encoding.UTF8.GetString((await Store(bed).GetAsync(runId, name))!.Content);

    [Fact]
    public async Task A_generation_run_keeps_every_rollout_and_leaves_pairs_metadata_and_rollouts_as_artefacts()
    {
        var (bed, model) = await BedAsync();
        await using var _ = bed;
        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, LongMabMethod.MethodId, DemoItems, Parameters, Seed: 5), "alice");
        Assert.Equal((RunKind.Generation, 2), (run.Kind, run.UnitCount));
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        var results = await bed.Runs.AllResultsAsync(run.Id);
        var traces = results.Select(r => LongMabTraceJson.Deserialize(r.RawOutput)).OrderBy(t => t.ItemKey).ToList();
        Assert.Equal(["hotpotqa/demo-hotpot-lighthouse", "hotpotqa/demo-hotpot-orchards"], traces.Select(t => t.ItemKey));
        Assert.All(traces, t => Assert.Equal(6, t.Rollouts.Count));
        Assert.All(traces, t => Assert.NotNull(t.Pair));
        Assert.Equal(1 + 6 + 1 + 6, model.Chats.Count);

        var pairs = (await ArtefactTextAsync(bed, run.Id, "preference-pairs")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, pairs.Length);
        using (var first = JsonDocument.Parse(pairs[0]))
        {
            Assert.Equal(traces[0].Pair!.Chosen, first.RootElement.GetProperty("chosen").GetString());
            Assert.Equal(traces[0].Pair!.Rejected, first.RootElement.GetProperty("rejected").GetString());
            Assert.Contains("Kerrow Light, the lighthouse on Kerrow Island", first.RootElement.GetProperty("prompt").GetString());
        }
        using (var meta = JsonDocument.Parse(await ArtefactTextAsync(bed, run.Id, "preference-data-meta")))
        {
            Assert.Equal(run.ConfigHash, meta.RootElement.GetProperty("config_hash").GetString());
            Assert.Equal("sha256:" + run.ModelSha256, meta.RootElement.GetProperty("model_identity").GetString());
            Assert.Equal(2, meta.RootElement.GetProperty("pairs").GetInt32());
        }
        Assert.Equal(12, (await ArtefactTextAsync(bed, run.Id, "rollouts")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(ArtefactKind.Dataset, (await Store(bed).GetAsync(run.Id, "preference-pairs-parquet"))!.Kind);

        var report = RunReportJson.Deserialize((await bed.Runs.GetAsync(run.Id))!.ReportJson!);
        Assert.Equal(2, report.Metrics.Single(m => m.Key == "pairs").Value);
        Assert.Equal(6, report.Chart("reward-curve")!.Categories.Count);
        Assert.NotNull(report.Metrics.Single(m => m.Key == "supporting_selection_rate").Value);
    }

    [Fact]
    public async Task A_run_stopped_mid_item_resumes_to_the_same_pairs_as_an_uninterrupted_run()
    {
        // Uninterrupted reference run.
        string expected;
        var (reference, _) = await BedAsync();
        await using (reference)
        {
            var run = await reference.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, LongMabMethod.MethodId, DemoItems, Parameters, Seed: 9), "alice");
            Assert.Equal(JobState.Completed, await reference.Runner.RunAsync(run.JobId, CancellationToken.None));
            expected = await ArtefactTextAsync(reference, run.Id, "preference-pairs");
        }

        // The same run with the orchards item held in its third round (items run side by side), cancelled
        // once the other item is stored, then resumed: the held item is redone with the same seeds.
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (bed, model) = await BedAsync();
        await using var _ = bed;
        model.Gate = async (call, ct) =>
        {
            List<string> prompts;
            lock (model.Chats) prompts = [.. model.Chats.Take(call).Select(c => c.Prompt)];
            bool Orchards(string p) => p.StartsWith("Read the passages", StringComparison.Ordinal) && p.Contains("Which valley's orchards");
            if (Orchards(prompts[^1]) && prompts.Count(Orchards) == 3)
            {
                held.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            }
        };
        var stopped = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, LongMabMethod.MethodId, DemoItems, Parameters, Seed: 9), "alice");
        var running = bed.Runner.RunAsync(stopped.JobId, CancellationToken.None);
        await held.Task.WaitAsync(TimeSpan.FromSeconds(60));
        for (var wait = 0; wait < 600 && (await bed.Runs.AllResultsAsync(stopped.Id)).Count == 0; wait++)
            await Task.Delay(100);
        Assert.True(await bed.Runs.CancelAsync(stopped.Id));
        Assert.Equal(JobState.Cancelled, await running);
        Assert.Equal("hotpotqa/demo-hotpot-lighthouse", LongMabTraceJson.Deserialize(Assert.Single(await bed.Runs.AllResultsAsync(stopped.Id)).RawOutput).ItemKey);

        model.Gate = (_, _) => Task.CompletedTask;
        Assert.True(await bed.Runs.ResumeAsync(stopped.Id));
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(null, CancellationToken.None));
        Assert.Equal(2, (await bed.Runs.AllResultsAsync(stopped.Id)).Count);
        Assert.Equal(expected, await ArtefactTextAsync(bed, stopped.Id, "preference-pairs"));
    }

    [Fact]
    public async Task Bad_settings_and_unknown_items_are_refused_when_the_run_is_created()
    {
        var (bed, _) = await BedAsync();
        await using var _ = bed;
        var e = await Assert.ThrowsAsync<EvalRunException>(() => bed.Runs.CreateAsync(
            new EvalRunRequest(EvalTestBed.StoriesModel, LongMabMethod.MethodId, DemoItems, """{"rounds":0}"""), "alice"));
        Assert.Contains("rounds", e.Message);
        e = await Assert.ThrowsAsync<EvalRunException>(() => bed.Runs.CreateAsync(
            new EvalRunRequest(EvalTestBed.StoriesModel, LongMabMethod.MethodId, DemoItems, """{"items":["hotpotqa/nope"]}"""), "alice"));
        Assert.Contains("hotpotqa/nope", e.Message);
        var one = await bed.Runs.CreateAsync(
            new EvalRunRequest(EvalTestBed.StoriesModel, LongMabMethod.MethodId, DemoItems, """{"items":["hotpotqa/demo-hotpot-orchards"]}"""), "alice");
        Assert.Equal(1, one.UnitCount);
    }
}
