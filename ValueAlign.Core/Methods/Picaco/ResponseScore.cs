namespace ValueAlign.Core.Methods.Picaco;

/// <summary>
/// PICACO's score of one response y to a prompt x:
/// <code>score = Σ_k log q(v_k | x, y) − log q_s(x, y)</code>
/// <see cref="LogConformity"/> holds log q(v_k | x, y) per target value (the judge's yes-probability),
/// <see cref="Parroting"/> the raw cosine similarity between y and the value descriptions, and
/// q_s is that cosine raised to the floor (a log needs a positive argument).
/// </summary>
public sealed record ResponseScore(IReadOnlyList<double> LogConformity, double Parroting, double ParrotingFloor)
{
    /// <summary>q_s: the cosine similarity, at least the floor.</summary>
    public double ParrotingProbability => Math.Clamp(Parroting, ParrotingFloor, 1);

    public double Score => LogConformity.Sum() - Math.Log(ParrotingProbability);

    /// <summary>
    /// The weight an aligned response gets in instruction refinement: the geometric mean of its
    /// conformity probabilities, exp(mean_k log q(v_k | x, y)), in (0, 1].
    /// </summary>
    public double Alignment => Math.Exp(LogConformity.Average());
}
