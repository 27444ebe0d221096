using ValueAlign.Core.Inference;
using ValueAlign.Core.Inference.Gguf;
using ValueAlign.Core.Inference.LlamaSharp;
using ValueAlign.Tests.Support;

namespace ValueAlign.Tests.Inference.Vision;

/// <summary>Multiple-choice scoring and generation with an image, and the refusal of images by a model that cannot see them.</summary>
[Collection(TinyVisionModelCollection.Name)]
public class ImageScoringAndGenerationTests(TinyVisionModelFixture fixture)
{
    private const string Prompt = "Question: Which door is open?\nAnswer:";

    [Fact]
    public async Task An_options_first_token_is_scored_by_the_next_token_distribution_after_the_image()
    {
        var image = TinyVisionModelFixture.DemoImage("two-doors.png");
        var options = new[] { "A. the left one", "B. the right one" };

        var scored = (await fixture.Model.ScoreChoicesAsync([new MultipleChoiceQuestion(Prompt, options) { Images = [image] }]))[0];
        var next = await fixture.Model.NextTokenLogProbsAsync(Prompt, [image]);

        Assert.Equal(2, scored.Options.Count);
        var first = (await fixture.Model.TokenizeAsync(options[0], addBos: false)).ToList();
        Assert.Equal(first.Count, scored.Options[0].TokenCount);
        Assert.True(scored.Options[0].TotalLogLikelihood <= next.LogProbs[first[0]] + 1e-9, "the total includes the first token's log-prob");
        // Scoring one option alone gives its number: options do not see each other.
        var alone = (await fixture.Model.ScoreChoicesAsync([new MultipleChoiceQuestion(Prompt, [options[1]]) { Images = [image] }]))[0];
        Assert.Equal(scored.Options[1].TotalLogLikelihood, alone.Options[0].TotalLogLikelihood, 9);
    }

    [Fact]
    public async Task Option_scores_depend_on_the_image()
    {
        var options = new[] { "A. a gate", "B. a bowl" };
        var gate = (await fixture.Model.ScoreChoicesAsync([new MultipleChoiceQuestion(Prompt, options) { Images = [TinyVisionModelFixture.DemoImage("shrine-gate.png")] }]))[0];
        var bowl = (await fixture.Model.ScoreChoicesAsync([new MultipleChoiceQuestion(Prompt, options) { Images = [TinyVisionModelFixture.DemoImage("rice-bowl.png")] }]))[0];

        Assert.NotEqual(gate.Options[0].TotalLogLikelihood, bowl.Options[0].TotalLogLikelihood);
    }

    [Fact]
    public async Task Greedy_completion_and_chat_with_an_image_are_reproducible()
    {
        var image = TinyVisionModelFixture.DemoImage("lantern-festival.png");
        var greedy = GenerationOptions.Greedy(12) with { IgnoreEndOfGeneration = true };

        var first = await Collect(fixture.Model.CompleteAsync(Prompt, [image], greedy));
        var second = await Collect(fixture.Model.CompleteAsync(Prompt, [image], greedy));
        var chat = await Collect(fixture.Model.ChatAsync([ChatMessage.User("What is this?", [image])], greedy));

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
        Assert.NotEmpty(chat);
        Assert.Contains("<__media__>", fixture.Model.FormatChat([ChatMessage.User("What is this?", [image])]));
    }

    [Fact]
    public async Task A_model_without_a_projector_refuses_images_instead_of_ignoring_them()
    {
        using var folder = new TempDirectory();
        var path = folder.File("text-only.gguf");
        SyntheticLlamaModel.WriteFile(path, SyntheticLlamaConfig.Tiny);
        await using var model = await LlamaSharpLanguageModel.LoadAsync(path, TinyVisionModelFixture.Options);
        var image = TinyVisionModelFixture.DemoImage("rice-bowl.png");

        Assert.False(model.Capabilities.HasFlag(ModelCapabilities.Images));
        Assert.Null(model.ProjectorPath);
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => model.ScoreChoicesAsync([new MultipleChoiceQuestion(Prompt, ["A"]) { Images = [image] }]));
        Assert.Contains("cannot see images", error.Message);
        Assert.Throws<NotSupportedException>(() => model.CompleteAsync(Prompt, [image], GenerationOptions.Greedy(4)));
        Assert.Throws<NotSupportedException>(() => model.ChatAsync([ChatMessage.User("hi", [image])], GenerationOptions.Greedy(4)));
    }

    [Fact]
    public async Task Loading_a_projector_as_a_model_is_refused_naming_what_to_load()
    {
        var error = await Assert.ThrowsAsync<ModelLoadException>(() => LlamaSharpLanguageModel.LoadAsync(fixture.ProjectorPath, TinyVisionModelFixture.Options));
        Assert.Contains("multimodal projector", error.Message);
    }

    [Fact]
    public async Task An_undecodable_image_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Model.NextTokenLogProbsAsync(Prompt, [new ImageInput("not an image"u8.ToArray(), "image/webp")]));
        Assert.Contains("could not be decoded", error.Message);
        Assert.Contains("image/webp", error.Message);
    }

    private static async Task<string> Collect(IAsyncEnumerable<string> pieces)
    {
        var text = new System.Text.StringBuilder();
        await foreach (var piece in pieces)
        {
            text.Append(piece);
        }
        return text.ToString();
    }
}
