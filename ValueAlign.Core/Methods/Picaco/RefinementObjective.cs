namespace ValueAlign.Core.Methods.Picaco;

/// <summary>
/// Instruction refinement's objective for a candidate instruction e:
/// <code>J(e) = mean_{(x,y) ∈ aligned} LL(y | e, x) · alignment(y) − mean_{(x,y) ∈ noisy} LL(y | e, x) · parroting(y)</code>
/// LL is the teacher-forced log-likelihood (sum of token log-probabilities) of the pooled response
/// after the instruction and the prompt; alignment(y) is <see cref="ResponseScore.Alignment"/> and
/// parroting(y) is q_s. A candidate that makes the aligned responses likely and the parroting ones
/// unlikely scores high. An empty pool contributes 0.
/// </summary>
public static class RefinementObjective
{
    public static CandidateObjective Evaluate(IReadOnlyList<(double LogLikelihood, double Alignment)> aligned, IReadOnlyList<(double LogLikelihood, double Parroting)> noisy)
    {
        var alignment = aligned.Count == 0 ? 0 : aligned.Average(a => a.LogLikelihood * a.Alignment);
        var parroting = noisy.Count == 0 ? 0 : noisy.Average(n => n.LogLikelihood * n.Parroting);
        return new CandidateObjective(alignment - parroting, alignment, parroting);
    }
}

/// <summary>J(e) and its two terms (the aligned mean and the noisy mean that is subtracted).</summary>
public sealed record CandidateObjective(double Objective, double AlignmentTerm, double ParrotingTerm);
