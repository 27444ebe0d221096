namespace ValueAlign.Core.Inference;

/// <summary>Log-softmax pieces computed in double precision for stable log-likelihoods.</summary>
public static class LogSoftmax
{
    /// <summary>log(sum(exp(logits))), shifted by the maximum so large logits do not overflow.</summary>
    public static double LogSumExp(ReadOnlySpan<float> logits)
    {
        if (logits.IsEmpty)
        {
            throw new ArgumentException("No logits.", nameof(logits));
        }
        double max = float.NegativeInfinity;
        foreach (var x in logits)
        {
            if (x > max)
            {
                max = x;
            }
        }
        var sum = 0.0;
        foreach (var x in logits)
        {
            sum += Math.Exp(x - max);
        }
        return max + Math.Log(sum);
    }

    /// <summary>Natural-log probability of <paramref name="token"/> under softmax(<paramref name="logits"/>).</summary>
    public static double LogProb(ReadOnlySpan<float> logits, int token) => logits[token] - LogSumExp(logits);
}
