namespace ValueAlign.Core.Inference;

/// <summary>Log-probs of one position from raw logits: the chosen token's and the k most likely tokens (ties to the lower id).</summary>
public static class TopLogProbs
{
    public const int MaxK = 20;

    public static PositionLogProbs At(ReadOnlySpan<float> logits, int token, int k) =>
        At(logits, LogSoftmax.LogSumExp(logits), token, k);

    public static PositionLogProbs At(ReadOnlySpan<float> logits, double logSumExp, int token, int k) =>
        new(token, logits[token] - logSumExp, Top(logits, logSumExp, k));

    /// <summary>The <paramref name="k"/> largest logits as log-probs, best first, by one pass with a small sorted buffer.</summary>
    public static IReadOnlyList<TokenLogProb> Top(ReadOnlySpan<float> logits, double logSumExp, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        k = Math.Min(Math.Min(k, MaxK), logits.Length);
        if (k == 0)
        {
            return [];
        }
        var ids = new int[k];
        var values = new float[k];
        var count = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var v = logits[i];
            if (count == k && v <= values[k - 1])
            {
                continue;
            }
            // Insert keeping the buffer sorted descending; equal values keep the earlier (lower) id first.
            var at = count < k ? count : k - 1;
            while (at > 0 && values[at - 1] < v)
            {
                if (at < k)
                {
                    values[at] = values[at - 1];
                    ids[at] = ids[at - 1];
                }
                at--;
            }
            values[at] = v;
            ids[at] = i;
            if (count < k)
            {
                count++;
            }
        }
        var top = new TokenLogProb[count];
        for (var i = 0; i < count; i++)
        {
            top[i] = new TokenLogProb(ids[i], values[i] - logSumExp);
        }
        return top;
    }
}
