using ValueAlign.Core.Methods.LegalDelta;
using ValueAlign.Tests.Inference.Runtime;

namespace ValueAlign.Tests.Methods.LegalDelta;

/// <summary>Information gain by teacher forcing on stories260K equals a naive token-by-token recomputation.</summary>
[Collection(StoriesModelCollection.Name)]
public class TeacherForcedGainTests(StoriesModelFixture stories)
{
    [Fact]
    public async Task Gain_from_batched_teacher_forcing_matches_next_token_log_probs_one_position_at_a_time()
    {
        var model = stories.Model;
        const string reasoning = "Once upon a time, there was a little girl named Lily. She loved to play outside.\n<answer>\n";
        const string direct = "Tell me who played.\n<answer>\n";
        const string gold = "Lily played in the park.";

        var gain = await TeacherForcedGain.MeasureAsync(model, reasoning, direct, gold, CancellationToken.None);
        Assert.True(gain.AnswerTokens.Count >= 4);

        async Task<double[]> NaiveAsync(string prompt)
        {
            var promptTokens = await model.TokenizeAsync(prompt, addBos: true);
            var answerTokens = await model.TokenizeAsync(gold, addBos: false);
            Assert.Equal(gain.AnswerTokens, answerTokens);
            var all = promptTokens.Concat(answerTokens).ToArray();
            var logProbs = new double[answerTokens.Count];
            for (var j = 0; j < answerTokens.Count; j++)
            {
                var position = promptTokens.Count + j - 1;
                var read = await model.GetCandidateLogProbsAsync(all[..(position + 1)], [position], [answerTokens[j]]);
                logProbs[j] = read.Single().LogProbs.Single();
            }
            return logProbs;
        }

        var naiveReasoning = await NaiveAsync(reasoning);
        var naiveDirect = await NaiveAsync(direct);
        for (var j = 0; j < gain.AnswerTokens.Count; j++)
        {
            Assert.Equal(naiveReasoning[j], gain.WithReasoning[j], 3);
            Assert.Equal(naiveDirect[j], gain.Direct[j], 3);
        }
        Assert.Equal(naiveReasoning.Average() - naiveDirect.Average(), gain.InformationGain, 3);
        // The two contexts really do score the answer differently (the comparison above is not of equal lists).
        Assert.True(Math.Abs(gain.InformationGain) > 1e-3, $"IG = {gain.InformationGain}");
    }
}
