namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// LongMab-PO settings. Rounds (30), chunks per round (k = 4), the 2-sentence overlap and ε = 1e-6
/// are methods.md's; the chunk budget (256 tokens), the sampling temperature (0.7) and the answer
/// length (256 tokens) are not published and are this workbench's defaults.
/// </summary>
public sealed record LongMabOptions
{
    public int Rounds { get; init; } = 30;
    public int ChunksPerRound { get; init; } = 4;
    public int ChunkTokens { get; init; } = 256;
    public int OverlapSentences { get; init; } = 2;
    public float Temperature { get; init; } = 0.7f;
    public int MaxAnswerTokens { get; init; } = 256;
    public double Epsilon { get; init; } = UcbBandit.DefaultEpsilon;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public LongMabOptions Validated()
    {
        Check(Rounds is >= 1 and <= 1000, "rounds", "between 1 and 1000");
        Check(ChunksPerRound is >= 1 and <= 64, "chunksPerRound", "between 1 and 64");
        Check(ChunkTokens is >= 1 and <= 32768, "chunkTokens", "between 1 and 32768");
        Check(OverlapSentences is >= 0 and <= 16, "overlapSentences", "between 0 and 16");
        Check(Temperature is >= 0 and <= 2, "temperature", "between 0 and 2");
        Check(MaxAnswerTokens is >= 1 and <= 4096, "maxAnswerTokens", "between 1 and 4096");
        Check(Epsilon > 0, "epsilon", "positive");
        return this;
    }

    private static void Check(bool ok, string name, string range)
    {
        if (!ok) throw new ArgumentException($"LongMab-PO setting '{name}' must be {range}.");
    }
}
