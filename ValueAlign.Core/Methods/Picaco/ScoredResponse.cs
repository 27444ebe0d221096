namespace ValueAlign.Core.Methods.Picaco;

/// <summary>
/// A sampled response in a pool: the prompt it answers, its text, when it was drawn (round and
/// sample index, the tie-break that keeps pools deterministic) and its score.
/// </summary>
public sealed record ScoredResponse(string PromptId, string Text, int Round, int Sample, ResponseScore Score);
