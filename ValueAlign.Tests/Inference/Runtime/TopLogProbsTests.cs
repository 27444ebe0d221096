using ValueAlign.Core.Inference;

namespace ValueAlign.Tests.Inference.Runtime;

public sealed class TopLogProbsTests
{
    [Fact]
    public void Top_k_is_the_k_largest_logits_as_log_probs_best_first_with_ties_to_the_lower_id()
    {
        float[] logits = [1f, 3f, 2f, 3f, 0f];
        // log-sum-exp by hand: ln(e + e^3 + e^2 + e^3 + 1)
        var lse = Math.Log(Math.E + 2 * Math.Exp(3) + Math.Exp(2) + 1);
        var position = TopLogProbs.At(logits, token: 2, k: 3);
        Assert.Equal(2 - lse, position.LogProb, 1e-6);
        Assert.Equal([1, 3, 2], position.Top.Select(t => t.Token));
        Assert.Equal(3 - lse, position.Top[0].LogProb, 1e-6);
        Assert.Equal(2 - lse, position.Top[2].LogProb, 1e-6);
        Assert.Empty(TopLogProbs.At(logits, 0, 0).Top);
        Assert.Equal(5, TopLogProbs.At(logits, 0, 50).Top.Count);
    }
}
