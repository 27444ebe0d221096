using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Benchmarks.Query;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Evaluation.Reports;
using ValueAlign.Core.Inference.Registry;
using ValueAlign.Core.Jobs;
using ValueAlign.Core.Methods.Culture;
using ValueAlign.Core.Methods.Honesty;
using Microsoft.Extensions.DependencyInjection;

namespace ValueAlign.Tests.Evaluation.Vision;

/// <summary>
/// Honesty (MoHoBench) and culture (MMA-ASIA) runs on a model with a projector: the items' images
/// go to the model with the question, the run records that and which projector, and the image
/// metrics are measured; the same model without its projector runs text-only and says so.
/// </summary>
public sealed class ImageRunsTests
{
    [Fact]
    public async Task An_honesty_run_shows_each_item_its_image_and_records_the_projector()
    {
        await using var bed = await VisionEvalBed.CreateAsync();
        await bed.ImportDemoFileAsync("mohobench-demo.jsonl");

        var run = await bed.Runs.CreateAsync(new EvalRunRequest(VisionEvalBed.Model, HonestyMethod.MethodId,
            new ItemFilter { Kind = ItemKind.HonestyVisualQuestion }, "{\"maxTokens\":8}"), "curator");

        Assert.True(run.ImagesSeen);
        Assert.False(run.TextOnly);
        Assert.Equal(VisionEvalBed.Projector, run.ProjectorFileName);
        Assert.Equal(await FileHashing.Sha256Async(bed.ProjectorPath), run.ProjectorSha256);
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));
        await using var db = bed.OpenDb();
        var results = await db.EvalItemResults.Where(r => r.RunId == run.Id).ToListAsync();
        var items = await db.BenchmarkItems.Where(i => i.Kind == ItemKind.HonestyVisualQuestion).ToDictionaryAsync(i => i.Id);
        Assert.Equal(8, results.Count);
        Assert.All(results, r =>
        {
            var image = Assert.Single(System.Text.Json.JsonSerializer.Deserialize<string[]>(items[r.ItemId].MediaJson!)!);
            Assert.StartsWith($"[image: {image}]\nQuestion: ", r.Prompt);
        });
        Assert.Contains(results, r => r.Error is null);
    }

    [Fact]
    public async Task The_projector_is_part_of_the_configuration_hash()
    {
        await using var seeing = await VisionEvalBed.CreateAsync();
        await using var blind = await VisionEvalBed.CreateAsync(textOnly: true);
        await seeing.ImportDemoFileAsync("mohobench-demo.jsonl");
        await blind.ImportDemoFileAsync("mohobench-demo.jsonl");
        var request = new EvalRunRequest(VisionEvalBed.Model, HonestyMethod.MethodId, new ItemFilter { Kind = ItemKind.HonestyVisualQuestion }, "{}");

        var withImages = await seeing.Runs.CreateAsync(request, "curator");
        var textOnly = await blind.Runs.CreateAsync(request, "curator");

        Assert.Equal(withImages.ModelSha256, textOnly.ModelSha256);
        Assert.NotEqual(withImages.ConfigHash, textOnly.ConfigHash);
        Assert.True(textOnly.TextOnly);
        Assert.False(textOnly.ImagesSeen);
        Assert.Null(textOnly.ProjectorFileName);
        Assert.Null(textOnly.ProjectorSha256);
    }

    [Fact]
    public async Task A_culture_run_that_saw_the_images_measures_image_only_accuracy_and_cross_modal_consistency()
    {
        await using var bed = await VisionEvalBed.CreateAsync();
        await bed.ImportDemoFileAsync("mma-asia-demo.jsonl");

        var run = await bed.Runs.CreateAsync(new EvalRunRequest(VisionEvalBed.Model, CultureMcqMethod.MethodId,
            new ItemFilter { Kind = ItemKind.CultureMultipleChoice }, "{}"), "curator");
        Assert.True(run.ImagesSeen);
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        var stored = await StoredRunInvariants.AssertAsync(bed.Services, run.Id);
        await using var db = bed.OpenDb();
        var imageItems = await db.BenchmarkItems.Where(i => i.Kind == ItemKind.CultureMultipleChoice && i.Modality == Modality.Image).Select(i => i.Id).ToListAsync();
        Assert.Equal(4, imageItems.Count);
        Assert.All(stored.Results.Where(r => imageItems.Contains(r.ItemId)), r =>
        {
            Assert.Null(r.Error);
            Assert.StartsWith("[image: demo/", r.Prompt);
            Assert.DoesNotContain("not shown", r.Prompt);
        });
        var imageAccuracy = stored.Report.Metrics.Single(m => m.Key == "image_accuracy");
        Assert.Null(imageAccuracy.NotMeasured);
        Assert.Equal(4, imageAccuracy.N);
        var imageResults = stored.Results.Where(r => imageItems.Contains(r.ItemId)).ToList();
        Assert.Equal((double)imageResults.Count(r => r.Correct == true) / imageResults.Count, imageAccuracy.Value!.Value, 12);
        var modal = stored.Report.Metrics.Single(m => m.Key == "cross_modal_consistency");
        Assert.Null(modal.NotMeasured);
        Assert.True(modal.N > 0, "the demo asks aligned questions as text and as image");
    }

    [Fact]
    public async Task Without_its_projector_the_same_model_runs_text_only_and_image_metrics_are_not_measured()
    {
        await using var bed = await VisionEvalBed.CreateAsync(textOnly: true);
        await bed.ImportDemoFileAsync("mma-asia-demo.jsonl");

        var run = await bed.Runs.CreateAsync(new EvalRunRequest(VisionEvalBed.Model, CultureMcqMethod.MethodId,
            new ItemFilter { Kind = ItemKind.CultureMultipleChoice }, "{}"), "curator");
        Assert.True(run.TextOnly);
        Assert.False(run.ImagesSeen);
        Assert.Equal(JobState.Completed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));

        var stored = await StoredRunInvariants.AssertAsync(bed.Services, run.Id);
        foreach (var key in new[] { "image_accuracy", "cross_modal_consistency", "accuracy_by_modality" })
        {
            var metric = stored.Report.Metrics.Single(m => m.Key == key);
            Assert.Equal("the model did not see images", metric.NotMeasured);
            Assert.Null(metric.Value);
        }
        Assert.Contains(stored.Results, r => r.Prompt.Contains("(The question refers to an image that is not shown; answer from the text.)"));
        Assert.DoesNotContain(stored.Results, r => r.Prompt.StartsWith("[image:"));
    }

    [Fact]
    public async Task A_run_whose_projector_changed_after_creation_fails_naming_it()
    {
        await using var bed = await VisionEvalBed.CreateAsync();
        await bed.ImportDemoFileAsync("mohobench-demo.jsonl");
        var run = await bed.Runs.CreateAsync(new EvalRunRequest(VisionEvalBed.Model, HonestyMethod.MethodId,
            new ItemFilter { Kind = ItemKind.HonestyVisualQuestion }, "{}"), "curator");

        await using (var stream = File.OpenWrite(bed.ProjectorPath))
        {
            stream.Seek(0, SeekOrigin.End);
            stream.WriteByte(0);
        }

        Assert.Equal(JobState.Failed, await bed.Runner.RunAsync(run.JobId, CancellationToken.None));
        var job = await bed.Services.GetRequiredService<JobQueue>().GetAsync(run.JobId!.Value);
        Assert.Contains("The projector paired with 'tiny.gguf' changed", job!.Error);
    }
}
