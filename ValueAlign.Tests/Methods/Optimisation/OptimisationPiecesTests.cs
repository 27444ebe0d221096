using ValueAlign.Core.Methods.Optimisation;

namespace ValueAlign.Tests.Methods.Optimisation;

public sealed class OptimisationPiecesTests
{
    [Fact]
    public void Cosine_similarity_matches_hand_computation()
    {
        // (1,2,2)·(2,0,1) = 4; |a| = 3, |b| = √5 → 4 / (3√5) = 0.596285
        Assert.Equal(0.596285, CosineSimilarity.Of([1, 2, 2], [2, 0, 1]), 6);
        Assert.Equal(-1, CosineSimilarity.Of([1, 0], [-3, 0]), 12);
        Assert.Throws<ArgumentException>(() => CosineSimilarity.Of([1, 0], [1, 0, 0]));
        Assert.Throws<ArgumentException>(() => CosineSimilarity.Of([0, 0], [1, 0]));
    }

    [Fact]
    public async Task Token_cap_cuts_by_the_models_tokenizer()
    {
        var model = new ScriptedOptimiserModel(); // one token per character
        var text = new string('a', 30) + new string('b', 30);

        Assert.Equal(new string('a', 30) + new string('b', 20), await TokenCap.CutAsync(model, text, 50, CancellationToken.None));
        Assert.Equal("short", await TokenCap.CutAsync(model, "  short  ", 50, CancellationToken.None));
        Assert.Equal(50, (await TokenCap.CutAsync(model, new string('x', 51), 50, CancellationToken.None)).Length);
    }

    [Fact]
    public void Seeds_depend_on_every_part_and_nothing_else()
    {
        Assert.Equal(SampleSeed.Derive(3, 1, 2, 3), SampleSeed.Derive(3, 1, 2, 3));
        var seeds = new[] { SampleSeed.Derive(3, 1, 2, 3), SampleSeed.Derive(4, 1, 2, 3), SampleSeed.Derive(3, 2, 2, 3), SampleSeed.Derive(3, 1, 2, 4), SampleSeed.Derive(3, 1, 3, 2) };
        Assert.Equal(seeds.Length, seeds.Distinct().Count());
        Assert.Equal(SampleSeed.Hash("reflection"), SampleSeed.Hash("reflection"));
        Assert.NotEqual(SampleSeed.Hash("reflection"), SampleSeed.Hash("reflections"));
    }

    [Fact]
    public void Steering_prompt_puts_the_instruction_before_the_request()
    {
        Assert.Equal("Be kind.\n\nRequest: Help?\nResponse:\n", SteeringPrompt.Compose(" Be kind. ", "Help?"));
        Assert.Equal("Request: Help?\nResponse:\n", SteeringPrompt.Compose(null, "Help?"));
    }

    [Fact]
    public void First_paragraph_drops_quotes_and_later_lines()
    {
        Assert.Equal("Be fair.", TextSampler.FirstParagraph(" \"Be fair.\"\nmore"));
        Assert.Equal("", TextSampler.FirstParagraph("  "));
    }
}
