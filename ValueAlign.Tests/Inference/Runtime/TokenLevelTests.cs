using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Inference.Runtime;

/// <summary>The token-level access the served API uses, checked against the existing scoring and generation paths on stories260K.</summary>
[Collection(StoriesModelCollection.Name)]
public sealed class TokenLevelTests(StoriesModelFixture fixture)
{
    private static readonly MultipleChoiceQuestion[] Questions =
    [
        new("Once upon a time, there was a little girl named", ["Lily.", "Tom.", "a big red ball that bounced all day."]),
        new("The dog was very", ["happy", "sad and tired"]),
        new("She said", ["hello", "no"]),
    ];

    private async Task<int[]> Tokens(string text, bool bos) => [.. await fixture.Model.TokenizeAsync(text, bos)];

    [Fact]
    public async Task Prompt_log_probs_of_question_plus_option_equal_the_multiple_choice_scores_token_by_token()
    {
        var prompts = new List<IReadOnlyList<int>>();
        var optionLengths = new List<int>();
        foreach (var question in Questions)
        {
            var prompt = await Tokens(question.Prompt, true);
            foreach (var option in question.Options)
            {
                var tokens = await Tokens(option, false);
                prompts.Add([.. prompt, .. tokens]);
                optionLengths.Add(tokens.Length);
            }
        }
        var scored = await fixture.Model.ScorePromptsAsync(prompts, topK: 3);
        var choices = await fixture.Model.ScoreChoicesAsync(Questions);
        var k = 0;
        for (var q = 0; q < Questions.Length; q++)
        {
            for (var o = 0; o < Questions[q].Options.Count; o++, k++)
            {
                var positions = scored[k].Positions;
                Assert.Null(positions[0]);
                Assert.All(positions.Skip(1), p => Assert.NotNull(p));
                var continuation = positions.Skip(positions.Count - optionLengths[k]).Sum(p => p!.LogProb);
                Assert.True(Math.Abs(continuation - choices[q].Options[o].TotalLogLikelihood) <= 1e-3 * optionLengths[k],
                    $"question {q} option {o}: echo {continuation} vs choices {choices[q].Options[o].TotalLogLikelihood}");
            }
        }
    }

    [Fact]
    public async Task Prompt_log_probs_equal_the_continuation_path_for_every_token_and_top_k_is_sorted_and_holds_the_argmax()
    {
        var prompt = await Tokens("Once upon a time", true);
        var continuation = await Tokens("there was a dog.", false);
        var score = await fixture.Model.ScoreContinuationAsync("Once upon a time", "there was a dog.");
        var scored = (await fixture.Model.ScorePromptsAsync([[.. prompt, .. continuation]], topK: 5))[0];
        for (var i = 0; i < continuation.Length; i++)
        {
            var position = scored.Positions[prompt.Length + i]!;
            Assert.Equal(continuation[i], position.Token);
            Assert.Equal(score.TokenLogProbs[i], position.LogProb, 1e-3);
            Assert.Equal(5, position.Top.Count);
            Assert.True(position.Top.Zip(position.Top.Skip(1)).All(pair => pair.First.LogProb >= pair.Second.LogProb));
            Assert.True(position.Top[0].LogProb >= position.LogProb - 1e-9);
            Assert.True(position.Top.Sum(t => Math.Exp(t.LogProb)) <= 1 + 1e-6);
        }
    }

    [Fact]
    public async Task Unrelated_and_identical_prompts_in_one_call_score_as_they_do_alone()
    {
        var a = await Tokens("The cat sat on the mat and", true);
        var b = await Tokens("Tim liked to run fast", true);
        var together = await fixture.Model.ScorePromptsAsync([a, b, a, a], topK: 1);
        var alone = await fixture.Model.ScorePromptsAsync([b], topK: 1);
        var first = await fixture.Model.ScorePromptsAsync([a], topK: 1);
        for (var t = 1; t < b.Length; t++)
            Assert.Equal(alone[0].Positions[t]!.LogProb, together[1].Positions[t]!.LogProb, 1e-3);
        foreach (var index in new[] { 0, 2, 3 })
            for (var t = 1; t < a.Length; t++)
                Assert.Equal(first[0].Positions[t]!.LogProb, together[index].Positions[t]!.LogProb, 1e-3);
    }

    [Fact]
    public async Task Greedy_token_generation_gives_the_text_of_greedy_completion_with_top_one_log_probs()
    {
        var options = GenerationOptions.Greedy(24);
        var text = string.Concat(await fixture.Model.CompleteAsync("Once upon a time", options).ToListAsync());
        var steps = await fixture.Model.GenerateTokensAsync(await Tokens("Once upon a time", true), options, topK: 2).ToListAsync();
        Assert.Equal(text, string.Concat(steps.Select(s => s.Text)));
        var last = steps[^1];
        Assert.NotNull(last.Finish);
        Assert.Null(last.Token);
        foreach (var step in steps.Where(s => s.Token is not null))
        {
            // Greedy picks the most likely token, which is therefore first in the top-k.
            Assert.Equal(step.Token, step.LogProbs!.Top[0].Token);
            Assert.Equal(step.LogProbs.LogProb, step.LogProbs.Top[0].LogProb, 1e-9);
        }
        Assert.Equal(steps.Count(s => s.Token is not null) == 24 ? FinishReason.Length : FinishReason.Stop, last.Finish);
    }

    [Fact]
    public async Task Out_of_vocabulary_tokens_are_refused_before_reaching_llama_cpp()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => fixture.Model.ScorePromptsAsync([[1, 999_999]], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Model.GenerateTokensAsync([-1], GenerationOptions.Greedy(2), 0));
    }
}
