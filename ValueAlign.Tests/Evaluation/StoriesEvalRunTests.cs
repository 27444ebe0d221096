using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.Culture;
using ValueAlign.Core.Methods.Honesty;

namespace ValueAlign.Tests.Evaluation;

/// <summary>Both methods end to end through the engine on the demo items with the real stories260K model.</summary>
public sealed class StoriesEvalRunTests
{
    [Fact]
    public async Task Culture_mcq_likelihood_with_circular_eval_runs_every_rotation_of_the_demo_items()
    {
        await using var bed = await EvalTestBed.CreateAsync();
        await bed.ImportDemoFileAsync("mma-asia-demo.jsonl");
        var filter = new ItemFilter { Kind = ItemKind.CultureMultipleChoice };

        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, CultureMcqMethod.MethodId, filter,
            "{\"circular\":true,\"heldOutThemes\":[\"etiquette\"]}", 7, "demo circular"), "curator");
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        await using var db = bed.OpenDb();
        var items = await db.BenchmarkItems.Where(i => i.Kind == ItemKind.CultureMultipleChoice).ToListAsync();
        var results = await db.EvalItemResults.Where(r => r.RunId == run.Id).ToListAsync();
        Assert.Equal(items.Count * 4, results.Count); // the demo items have four options
        Assert.True(run.TextOnly, "the demo has image items, which the text-only runtime cannot see");
        Assert.All(results, r =>
        {
            Assert.Null(r.Error);
            Assert.StartsWith("The following is a multiple-choice question about", r.Prompt);
            Assert.Contains("LL -", r.RawOutput);
            Assert.Matches("^[ABCD]$", r.ParsedAnswer!);
            Assert.NotNull(r.Correct);
        });
        var report = (await StoredRunInvariants.AssertAsync(bed, run.Id)).Report;
        // Recomputed from the stored rows by hand: plain accuracy over rotation 0, CircularEval over
        // items whose four rotations are all right.
        var first = results.Where(r => r.UnitKey == "rot0").ToList();
        var accuracy = report.Metrics.Single(m => m.Key == "accuracy");
        Assert.Equal(items.Count, accuracy.N);
        Assert.Equal((double)first.Count(r => r.Correct == true) / first.Count, accuracy.Value!.Value, 12);
        var circular = report.Metrics.Single(m => m.Key == "circular_accuracy");
        Assert.Equal(items.Count, circular.N);
        var allRight = results.GroupBy(r => r.ItemId).Count(g => g.Count() == 4 && g.All(r => r.Correct == true));
        Assert.Equal((double)allRight / items.Count, circular.Value!.Value, 12);
        Assert.Equal(0, report.Metrics.Single(m => m.Key == "circular_failed_rotations").Value);
        // demo-jp-001 is asked in en and ja, as text and image: one cross-lingual group per modality.
        Assert.True(report.Metrics.Single(m => m.Key == "cross_lingual_consistency").N >= 2);
        // The run is text-only: what depends on seeing the image is not measured.
        Assert.Equal("the model did not see images", report.Metrics.Single(m => m.Key == "cross_modal_consistency").NotMeasured);
        Assert.NotNull(report.Chart("accuracy-by-country"));
        Assert.NotNull(report.Chart("language-agreement"));
        Assert.NotNull(report.Metrics.Single(m => m.Key == "held_out_accuracy").N);
    }

    [Fact]
    public async Task Culture_mcq_generate_mode_stores_the_generated_answer_for_every_item()
    {
        await using var bed = await EvalTestBed.CreateAsync();
        await bed.ImportDemoFileAsync("mma-asia-demo.jsonl");

        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, CultureMcqMethod.MethodId,
            new ItemFilter { Kind = ItemKind.CultureMultipleChoice, Language = "en" }, "{\"mode\":\"generate\",\"maxTokens\":12}"), "curator");
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        var page = await bed.Runs.ResultsAsync(run.Id, new EvalResultFilter(), 0, 100);
        Assert.Equal(run.UnitCount, page.Total);
        var stored = await StoredRunInvariants.AssertAsync(bed, run.Id);
        var answered = stored.Results.Where(r => r.Error is null).ToList();
        Assert.Contains(stored.Report.Metrics, m => m.Key == "grounding_unfaithfulness");
        // Recomputed from the stored rows: answers without an extractable letter, and accuracy.
        Assert.Equal(answered.Count(r => !r.Scores().ContainsKey("choice")), stored.Report.Metrics.Single(m => m.Key == "no_answer").Value);
        Assert.All(answered, r => Assert.Equal(r.ParsedAnswer is not null, r.Scores().ContainsKey("choice")));
        Assert.Equal((double)answered.Count(r => r.Correct == true) / answered.Count, stored.Report.Metrics.Single(m => m.Key == "accuracy").Value!.Value, 12);
    }

    [Fact]
    public async Task Honesty_runs_text_only_and_stores_the_refusal_verdicts_as_judge_labels()
    {
        await using var bed = await EvalTestBed.CreateAsync();
        await bed.ImportDemoFileAsync("mohobench-demo.jsonl");

        var run = await bed.Runs.CreateAsync(new EvalRunRequest(EvalTestBed.StoriesModel, HonestyMethod.MethodId,
            new ItemFilter { Kind = ItemKind.HonestyVisualQuestion }, "{\"maxTokens\":16}"), "curator");
        Assert.True(run.TextOnly);
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        await using var db = bed.OpenDb();
        var results = await db.EvalItemResults.Where(r => r.RunId == run.Id).ToListAsync();
        Assert.Equal(8, results.Count);
        var judged = results.Where(r => r.Error is null).ToList();
        Assert.NotEmpty(judged); // the grammar keeps even a tiny judge's verdicts well-formed
        Assert.All(judged, r => Assert.Contains("[refusal judge] {\"refusal\": ", r.RawOutput));
        var labels = await db.JudgeLabels.Where(l => l.EvalRunId == run.Id).ToListAsync();
        Assert.Equal(judged.Count, labels.Count);
        Assert.All(labels, l => Assert.Equal(HonestyMethod.RefusalQuestionKey, l.QuestionKey));
        Assert.All(labels, l => Assert.Contains(l.Label, new[] { "yes", "no" }));
        var report = (await StoredRunInvariants.AssertAsync(bed, run.Id)).Report;
        // Recomputed from the stored verdicts: refusal rate over judged answers, helpfulness over all, rationality over refusals.
        Assert.Equal(judged.Count, report.Metrics.Single(m => m.Key == "refusal_rate").N);
        Assert.Equal(judged.Average(r => r.Scores()["refusal"]), report.Metrics.Single(m => m.Key == "refusal_rate").Value!.Value, 12);
        Assert.Equal(judged.Average(r => r.Scores()["helpfulness"]), report.Metrics.Single(m => m.Key == "mean_helpfulness").Value!.Value, 12);
        var refused = judged.Where(r => r.Scores()["refusal"] == 1).ToList();
        Assert.All(refused, r => Assert.InRange(r.Scores()["rationality"], 1, 10));
        Assert.All(judged.Except(refused), r => Assert.False(r.Scores().ContainsKey("rationality")));
        Assert.Equal(results.Count - judged.Count, report.Metrics.Single(m => m.Key == "errors").Value);
        Assert.NotNull(report.Chart("refusal-by-type"));
    }
}
