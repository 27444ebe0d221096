namespace ValueAlign.Core.Methods.Picaco;

/// <summary>
/// One finished PICACO round: the instruction the responses were sampled with, the pools after
/// response enhancement, how the responses sampled with the instruction scored on average, every
/// candidate of instruction refinement, and the winner (the next round's instruction).
/// </summary>
public sealed record PicacoRound(
    int Round,
    string Instruction,
    IReadOnlyList<PromptPools> Pools,
    RoundSampleStats Sampled,
    IReadOnlyList<InstructionCandidate> Candidates,
    string Winner,
    TimeSpan Elapsed)
{
    /// <summary>True when refinement kept the same instruction: PICACO stops.</summary>
    public bool Converged => string.Equals(Winner, Instruction, StringComparison.Ordinal);

    public CandidateObjective WinnerObjective =>
        Candidates.First(c => c.Objective is not null && string.Equals(c.Text, Winner, StringComparison.Ordinal)).Objective!;
}

/// <summary>
/// Means over the responses sampled with the instruction in a round: score, alignment (geometric
/// mean of conformity probabilities), parroting (cosine), per-value conformity probability, and how
/// many samples came back empty (left out of the pools).
/// </summary>
public sealed record RoundSampleStats(double MeanScore, double MeanAlignment, double MeanParroting, IReadOnlyList<double> MeanConformity, int Scored, int Empty);
