namespace ValueAlign.Core.Methods.Mova;

/// <summary>
/// MoVa slot score: softmax over the logits of the "0" and "1" tokens only, read at a 0/1 slot.
/// <code>p(1) = e^l1 / (e^l0 + e^l1) = 1 / (1 + e^(l0 − l1))</code>
/// The difference form never overflows to NaN: a huge l0 − l1 gives 1/(1 + ∞) = 0.
/// </summary>
public static class BinarySoftmax
{
    public static double ProbabilityOfOne(double logitZero, double logitOne)
    {
        if (double.IsNaN(logitZero) || double.IsNaN(logitOne))
            throw new ArgumentException("Logits must be numbers, not NaN.");
        var difference = logitZero - logitOne;
        if (double.IsNaN(difference)) throw new ArgumentException("Both logits are the same infinity; the softmax is undefined.");
        return 1 / (1 + Math.Exp(difference));
    }
}
