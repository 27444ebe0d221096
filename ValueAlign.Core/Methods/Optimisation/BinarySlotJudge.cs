using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Structured;

namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>
/// A yes/no judgement read from the judge's logits, not from sampled text: the judge prompt ends
/// where a JSON answer begins, the answer <c>{"answer": 1}</c> is teacher-forced, and at its digit
/// slot the log-probabilities of the "0" and "1" tokens give p(yes) by a softmax over the two
/// (<see cref="DigitSlotReader"/> locates the slot and its candidate tokens).
/// <code>log p(yes) = l1 − log(e^l0 + e^l1)</code>
/// </summary>
public sealed class BinarySlotJudge(ILanguageModel judge)
{
    public const string Field = "answer";
    private const string Answer = "{\"" + Field + "\": 1}";

    /// <summary>The prompt's closing line; the teacher-forced answer follows it.</summary>
    public const string AnswerCue = "Answer as JSON with 1 for yes and 0 for no:\n";

    /// <summary>Natural-log probability that the answer is 1 (yes).</summary>
    public async Task<double> LogProbabilityOfYesAsync(string prompt, CancellationToken cancellationToken)
    {
        var slot = Answer.IndexOf('1', StringComparison.Ordinal);
        var read = await new DigitSlotReader(judge, 0, 1).ReadAsync(prompt, Answer, [slot], cancellationToken).ConfigureAwait(false);
        var (logProbs, error) = read[0];
        if (logProbs is null)
            throw new OptimisationException($"The judge's yes/no slot could not be read: {error}");
        return LogOfFirstOverBoth(logProbs[1], logProbs[0]);
    }

    /// <summary>log(e^a / (e^a + e^b)), stable for large magnitudes.</summary>
    public static double LogOfFirstOverBoth(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
            throw new ArgumentException("Log-probabilities must be numbers, not NaN.");
        var max = Math.Max(a, b);
        if (double.IsNegativeInfinity(max))
            throw new ArgumentException("Both tokens have probability zero; the two-way softmax is undefined.");
        return a - (max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max)));
    }
}
