namespace ValueAlign.Core.Methods.Irote;

/// <summary>
/// IROTE's sizes. Defaults are the paper's: K = 10 initial reflections of at most 50 tokens, M1 = 3
/// implied behaviours per reflection, M2 = 6 responses per task prompt, T = 5 rounds, keep the top 3.
/// Not published, chosen here: one revision per kept reflection per round.
/// </summary>
public sealed record IroteSettings
{
    public int Rounds { get; init; } = 5;

    /// <summary>K: reflections the model writes before round 1.</summary>
    public int Candidates { get; init; } = 10;

    /// <summary>M1: behaviours asked for per reflection in the compactness step.</summary>
    public int Behaviours { get; init; } = 3;

    /// <summary>M2: responses sampled per task prompt to measure evocativeness.</summary>
    public int Samples { get; init; } = 6;

    /// <summary>Reflections kept (by R) at the end of each round.</summary>
    public int Keep { get; init; } = 3;

    /// <summary>Every reflection is cut to this many tokens of the model's tokenizer.</summary>
    public int MaxReflectionTokens { get; init; } = 50;

    public int MaxResponseTokens { get; init; } = 128;

    public int MaxBehaviourTokens { get; init; } = 40;

    public float Temperature { get; init; } = 0.8f;

    public int Seed { get; init; }

    public void Validate()
    {
        Positive(Rounds, "rounds (T)");
        Positive(Candidates, "initial reflections (K)");
        Positive(Behaviours, "behaviours per reflection (M1)");
        Positive(Samples, "samples per prompt (M2)");
        Positive(Keep, "reflections kept");
        Positive(MaxReflectionTokens, "reflection token cap");
        Positive(MaxResponseTokens, "response tokens");
        Positive(MaxBehaviourTokens, "behaviour tokens");
        if (Temperature < 0) throw new ArgumentException("Temperature must be 0 or more.");
    }

    private static void Positive(int value, string name)
    {
        if (value < 1) throw new ArgumentException($"The {name} must be at least 1, not {value}.");
    }
}
