using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Inference.Runtime;

[Collection(StoriesModelCollection.Name)]
public sealed class GenerationTests(StoriesModelFixture fixture)
{
    [Fact]
    public async Task Greedy_completion_of_once_upon_a_time_is_the_known_story_opening()
    {
        var text = await fixture.Model.CompleteTextAsync("Once upon a time", GenerationOptions.Greedy(12));
        Assert.StartsWith(", there was a little girl named Lily.", text);
    }

    [Fact]
    public async Task Greedy_completion_is_deterministic()
    {
        var first = await fixture.Model.CompleteTextAsync("The cat sat", GenerationOptions.Greedy(40));
        var second = await fixture.Model.CompleteTextAsync("The cat sat", GenerationOptions.Greedy(40));
        Assert.Equal(first, second);
        Assert.NotEmpty(first);
    }

    [Fact]
    public async Task Seeded_sampling_repeats_with_the_same_seed_and_varies_across_seeds()
    {
        var options = new GenerationOptions { Temperature = 1.0f, TopK = null, TopP = null, MinP = null, MaxTokens = 40 };
        var a = await fixture.Model.CompleteTextAsync("Once upon a time", options with { Seed = 1 });
        var b = await fixture.Model.CompleteTextAsync("Once upon a time", options with { Seed = 1 });
        Assert.Equal(a, b);
        var others = new HashSet<string>();
        for (uint seed = 2; seed < 7; seed++)
        {
            others.Add(await fixture.Model.CompleteTextAsync("Once upon a time", options with { Seed = seed }));
        }
        others.Add(a);
        Assert.True(others.Count >= 4, $"Six seeds gave only {others.Count} distinct texts.");
    }

    [Fact]
    public async Task Stop_string_ends_the_output_before_it()
    {
        var options = GenerationOptions.Greedy(30) with { StopStrings = ["Lily"] };
        var text = await fixture.Model.CompleteTextAsync("Once upon a time", options);
        Assert.Equal(", there was a little girl named ", text);
    }

    [Fact]
    public async Task Max_tokens_bounds_the_number_of_generated_tokens()
    {
        var text = await fixture.Model.CompleteTextAsync("Once upon a time", GenerationOptions.Greedy(5));
        var tokens = await fixture.Model.TokenizeAsync(text, addBos: false);
        Assert.InRange(tokens.Count, 1, 6);
        Assert.StartsWith(text, ", there was a little girl named Lily.");
    }

    [Fact]
    public async Task Chat_uses_the_template_and_streams_text()
    {
        // stories260K has no template in its GGUF, so llama.cpp's ChatML fallback applies.
        Assert.False(fixture.Model.Description.HasChatTemplate);
        var prompt = fixture.Model.FormatChat([ChatMessage.System("Be kind."), ChatMessage.User("Tell a story.")]);
        Assert.Equal("<|im_start|>system\nBe kind.<|im_end|>\n<|im_start|>user\nTell a story.<|im_end|>\n<|im_start|>assistant\n", prompt);
        var text = await fixture.Model.ChatAsync([ChatMessage.User("Tell a story.")], GenerationOptions.Greedy(20)).CollectAsync();
        Assert.NotEmpty(text);
    }

    [Fact]
    public async Task Tokenize_then_detokenize_round_trips()
    {
        var tokens = await fixture.Model.TokenizeAsync("Lily went to the park.", addBos: false);
        Assert.True(tokens.Count > 1);
        var text = await fixture.Model.DetokenizeAsync(tokens);
        Assert.Equal("Lily went to the park.", text.TrimStart());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => fixture.Model.DetokenizeAsync([5, 512]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => fixture.Model.GetCandidateLogProbsAsync([1, 5], [1], [-1]));
    }
}
