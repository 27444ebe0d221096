namespace ValueAlign.Core.Methods.Picaco;

/// <summary>
/// PICACO's sizes and sampling settings. Defaults are the paper's (T = 10 rounds, aligned pool
/// M1 = 10 and noisy pool M2 = 15 per prompt; the paper uses N = 50 prompts). The paper does not
/// publish how many responses are sampled per prompt and round, the number of proposals, or the
/// first instruction: by default a round samples as many responses as the pool holds (so pools
/// select among all samples of all rounds so far), proposes 4 instructions, and starts from a
/// neutral instruction.
/// </summary>
public sealed record PicacoSettings
{
    public int Rounds { get; init; } = 10;

    /// <summary>M1: responses kept per prompt in the aligned pool (best by score).</summary>
    public int AlignedPoolSize { get; init; } = 10;

    /// <summary>M2: responses kept per prompt in the noisy pool (most parroting).</summary>
    public int NoisyPoolSize { get; init; } = 15;

    /// <summary>Responses sampled with the instruction per prompt and round; null = <see cref="AlignedPoolSize"/>.</summary>
    public int? AlignedSamples { get; init; }

    /// <summary>Responses sampled without the instruction per prompt and round; null = <see cref="NoisyPoolSize"/>.</summary>
    public int? NoisySamples { get; init; }

    /// <summary>New instructions the model proposes per round (the current one always competes too).</summary>
    public int Candidates { get; init; } = 4;

    public int MaxResponseTokens { get; init; } = 128;

    public int MaxInstructionTokens { get; init; } = 96;

    public float Temperature { get; init; } = 0.8f;

    public string InitialInstruction { get; init; } = "You are a helpful assistant. Answer the request.";

    /// <summary>Cosine similarities below this are raised to it before the log (q_s must be positive).</summary>
    public double ParrotingFloor { get; init; } = 1e-3;

    public int Seed { get; init; }

    public int AlignedSamplesPerRound => AlignedSamples ?? AlignedPoolSize;

    public int NoisySamplesPerRound => NoisySamples ?? NoisyPoolSize;

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        Positive(Rounds, "rounds (T)");
        Positive(AlignedPoolSize, "aligned pool size (M1)");
        Positive(NoisyPoolSize, "noisy pool size (M2)");
        Positive(AlignedSamplesPerRound, "aligned samples per round");
        Positive(NoisySamplesPerRound, "noisy samples per round");
        Positive(Candidates, "candidates per round");
        Positive(MaxResponseTokens, "response tokens");
        Positive(MaxInstructionTokens, "instruction tokens");
        if (Temperature < 0) throw new ArgumentException("Temperature must be 0 or more.");
        if (string.IsNullOrWhiteSpace(InitialInstruction)) throw new ArgumentException("The initial instruction is empty.");
        if (ParrotingFloor is <= 0 or >= 1) throw new ArgumentException("The parroting floor must lie in (0, 1).");
    }

    private static void Positive(int value, string name)
    {
        if (value < 1) throw new ArgumentException($"The {name} must be at least 1, not {value}.");
    }
}
