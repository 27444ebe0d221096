namespace ValueAlign.Core.Methods.Culture;

/// <summary>Summed log-probability of an option's tokens after the prompt, and how many tokens it has.</summary>
public readonly record struct OptionLikelihood
{
    public OptionLikelihood(double totalLogProb, int tokenCount)
    {
        if (tokenCount < 1) throw new ArgumentOutOfRangeException(nameof(tokenCount), tokenCount, "An option must have at least one token.");
        if (double.IsNaN(totalLogProb) || totalLogProb > 0)
            throw new ArgumentOutOfRangeException(nameof(totalLogProb), totalLogProb, "A log-probability must be a number ≤ 0.");
        TotalLogProb = totalLogProb;
        TokenCount = tokenCount;
    }

    public double TotalLogProb { get; }
    public int TokenCount { get; }
    public double PerTokenMean => TotalLogProb / TokenCount;
}
