using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Inference.Vision;

/// <summary>
/// Images go through the synthetic projector into the synthetic llama: what the model predicts
/// depends on the image, deterministically, and the image's tokens are part of the prompt.
/// </summary>
[Collection(TinyVisionModelCollection.Name)]
public class ImagesReachTheModelTests(TinyVisionModelFixture fixture)
{
    private const string Prompt = "Question: What does the picture show?\nAnswer:";

    [Fact]
    public void The_paired_projector_is_loaded_and_the_model_declares_images()
    {
        Assert.Equal(fixture.ProjectorPath, fixture.Model.ProjectorPath);
        Assert.Equal(fixture.ProjectorPath, fixture.Model.Description.ProjectorPath);
        Assert.True(fixture.Model.Capabilities.HasFlag(ModelCapabilities.Images));
    }

    [Fact]
    public async Task The_same_image_twice_gives_identical_next_token_log_probs()
    {
        var image = TinyVisionModelFixture.DemoImage("shrine-gate.png");

        var first = await fixture.Model.NextTokenLogProbsAsync(Prompt, [image]);
        var second = await fixture.Model.NextTokenLogProbsAsync(Prompt, [image with { Data = image.Data.ToArray() }]);

        Assert.Equal(first.LogProbs, second.LogProbs);
    }

    [Fact]
    public async Task Two_different_images_give_different_next_token_log_probs()
    {
        var gate = await fixture.Model.NextTokenLogProbsAsync(Prompt, [TinyVisionModelFixture.DemoImage("shrine-gate.png")]);
        var bowl = await fixture.Model.NextTokenLogProbsAsync(Prompt, [TinyVisionModelFixture.DemoImage("rice-bowl.png")]);
        var none = await fixture.Model.NextTokenLogProbsAsync(Prompt, []);

        var largest = gate.LogProbs.Zip(bowl.LogProbs, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(largest > 1e-4, $"the two images moved no log-prob by more than {largest:g3}");
        Assert.NotEqual(gate.LogProbs, none.LogProbs);
    }

    [Fact]
    public async Task The_image_tokens_are_counted_in_the_prompt()
    {
        // The image's marker line is replaced by the image: BOS, the image, then "\n" and the prompt.
        var textTokens = (await fixture.Model.TokenizeAsync("", addBos: true)).Count + (await fixture.Model.TokenizeAsync("\n" + Prompt, addBos: false)).Count;

        var withImage = await fixture.Model.NextTokenLogProbsAsync(Prompt, [TinyVisionModelFixture.DemoImage("two-doors.png")]);
        var textOnly = await fixture.Model.NextTokenLogProbsAsync(Prompt, []);

        Assert.Equal(TinyVisionModelFixture.Projector.ImageTokens, withImage.ImageTokens);
        Assert.Equal(196, withImage.ImageTokens);
        Assert.Equal(textTokens + 196, withImage.PromptTokens);
        Assert.Equal((await fixture.Model.TokenizeAsync(Prompt, addBos: true)).Count, textOnly.PromptTokens);
        Assert.Equal(0, textOnly.ImageTokens);
    }
}
