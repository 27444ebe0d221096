namespace ValueAlign.Core.Inference;

/// <summary>
/// The next-token log-probabilities (log-softmax over the full vocabulary) of chosen candidate
/// tokens after the token at <see cref="Position"/>, in the order the candidates were asked for.
/// </summary>
public sealed record CandidateLogProbs(int Position, IReadOnlyList<double> LogProbs);
