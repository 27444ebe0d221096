using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Inference.Runtime;

[Collection(StoriesModelCollection.Name)]
public sealed class ScoringTests(StoriesModelFixture fixture)
{
    // Options of different token lengths, options sharing a prefix with each other, a one-token
    // option, and prompts of different lengths, so the packing and the prompt/option boundary are exercised.
    private static readonly MultipleChoiceQuestion[] Questions =
    [
        new("Once upon a time, there was a little girl named", ["Lily.", "Tom.", "a big red ball that bounced all day.", "Lily and her mom went to the park."]),
        new("The dog was very", ["happy", "sad and tired", "hungry, so he ate his food."]),
        new("One day, Tim went to the park with his mom. They saw a big tree. Tim wanted to", ["climb it.", "play.", "climb the tree and see the birds."]),
        new("She said", ["hello", "\"Thank you!\"", "no", "yes, please"]),
    ];

    [Fact]
    public async Task Shared_prompt_scoring_equals_scoring_each_option_from_scratch()
    {
        var fast = await fixture.Model.ScoreChoicesAsync(Questions);
        var naive = await fixture.Model.ScoreChoicesNaiveAsync(Questions);
        Assert.Equal(Questions.Length, fast.Count);
        for (var q = 0; q < Questions.Length; q++)
        {
            Assert.Equal(Questions[q].Options.Count, fast[q].Options.Count);
            for (var o = 0; o < Questions[q].Options.Count; o++)
            {
                var f = fast[q].Options[o];
                var n = naive[q].Options[o];
                Assert.Equal(n.TokenCount, f.TokenCount);
                Assert.True(Math.Abs(f.TotalLogLikelihood - n.TotalLogLikelihood) <= 1e-3 * n.TokenCount,
                    $"Question {q} option {o}: fast {f.TotalLogLikelihood} vs naive {n.TotalLogLikelihood}");
                Assert.Equal(n.MeanLogLikelihood, f.MeanLogLikelihood, 1e-3);
            }
            Assert.Equal(naive[q].ChosenByTotal, fast[q].ChosenByTotal);
            Assert.Equal(naive[q].ChosenByMean, fast[q].ChosenByMean);
        }
    }

    [Fact]
    public async Task Option_scores_equal_the_continuation_log_likelihood_path()
    {
        var question = Questions[0];
        var result = (await fixture.Model.ScoreChoicesAsync([question]))[0];
        for (var o = 0; o < question.Options.Count; o++)
        {
            var score = await fixture.Model.ScoreContinuationAsync(question.Prompt, question.Options[o]);
            Assert.Equal(score.Tokens.Count, result.Options[o].TokenCount);
            Assert.Equal(score.Sum, result.Options[o].TotalLogLikelihood, 1e-3);
            Assert.Equal(score.Mean, result.Options[o].MeanLogLikelihood, 1e-3);
        }
    }

    [Fact]
    public async Task Packing_across_several_batches_gives_the_same_scores_as_one_question_at_a_time()
    {
        // 40 questions overflow both the 512-token batch and the 32 sequences of the test settings.
        var many = Enumerable.Range(0, 10).SelectMany(_ => Questions).ToArray();
        var packed = await fixture.Model.ScoreChoicesAsync(many);
        for (var q = 0; q < Questions.Length; q++)
        {
            var alone = (await fixture.Model.ScoreChoicesAsync([Questions[q]]))[0];
            for (var copy = 0; copy < 10; copy++)
            {
                var result = packed[copy * Questions.Length + q];
                for (var o = 0; o < alone.Options.Count; o++)
                {
                    Assert.Equal(alone.Options[o].TotalLogLikelihood, result.Options[o].TotalLogLikelihood, 1e-3);
                }
            }
        }
    }

    [Fact]
    public async Task Continuation_log_likelihood_matches_the_greedy_continuation_being_likely()
    {
        var likely = await fixture.Model.ScoreContinuationAsync("Once upon a time,", "there was a little girl named Lily.");
        var unlikely = await fixture.Model.ScoreContinuationAsync("Once upon a time,", "quantum chromodynamics explains quarks.");
        Assert.All(likely.TokenLogProbs, lp => Assert.True(lp <= 0));
        Assert.Equal(likely.TokenLogProbs.Sum(), likely.Sum, 1e-9);
        Assert.Equal(likely.Sum / likely.Tokens.Count, likely.Mean, 1e-9);
        Assert.True(likely.Mean > unlikely.Mean + 1, $"likely mean {likely.Mean}, unlikely mean {unlikely.Mean}");
    }

    [Fact]
    public async Task Log_softmax_at_a_position_equals_the_per_token_log_prob_of_the_log_likelihood_path()
    {
        const string prompt = "The little dog";
        const string continuation = "ran to the park.";
        var score = await fixture.Model.ScoreContinuationAsync(prompt, continuation);
        var promptTokens = await fixture.Model.TokenizeAsync(prompt, addBos: true);
        // Prompt with BOS, continuation without, concatenated: the same ids the scoring path used.
        var sequence = promptTokens.Concat(score.Tokens).ToArray();
        var positions = Enumerable.Range(promptTokens.Count - 1, score.Tokens.Count).ToArray();
        var distinct = score.Tokens.Distinct().ToArray();
        var candidates = await fixture.Model.GetCandidateLogProbsAsync(sequence, positions, distinct);
        for (var k = 0; k < score.Tokens.Count; k++)
        {
            Assert.Equal(positions[k], candidates[k].Position);
            var logProb = candidates[k].LogProbs[Array.IndexOf(distinct, score.Tokens[k])];
            Assert.Equal(score.TokenLogProbs[k], logProb, 1e-4);
        }
    }

    [Fact]
    public async Task Digit_distribution_after_a_prompt_is_a_proper_subset_of_the_vocabulary_distribution()
    {
        var tokens = await fixture.Model.TokenizeAsync("I give it a", addBos: true);
        var digits = new List<int>();
        foreach (var digit in new[] { "1", "2", "3", "4", "5" })
        {
            var ids = await fixture.Model.TokenizeAsync(digit, addBos: false);
            digits.Add(ids[^1]);
        }
        Assert.Equal(5, digits.Distinct().Count());
        var result = (await fixture.Model.GetCandidateLogProbsAsync(tokens, [tokens.Count - 1], digits))[0];
        Assert.Equal(5, result.LogProbs.Count);
        Assert.All(result.LogProbs, lp => Assert.True(lp < 0 && double.IsFinite(lp)));
        Assert.True(result.LogProbs.Sum(Math.Exp) < 1.0);
    }

    [Fact]
    public async Task Embeddings_have_64_dimensions_and_are_deterministic()
    {
        Assert.Equal(64, fixture.Model.Description.EmbeddingSize);
        var a = await fixture.Model.EmbedAsync("The cat sat on the mat.");
        var b = await fixture.Model.EmbedAsync("The cat sat on the mat.");
        var c = await fixture.Model.EmbedAsync("A dragon flew over the mountain.");
        Assert.Equal(64, a.Length);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.All(a, x => Assert.True(float.IsFinite(x)));
    }
}
