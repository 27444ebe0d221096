namespace ValueAlign.Core.Values.Objectives.Presets;

/// <summary>
/// Priorities (1..5) derived from data, in the system's dimension order, and notes on how they were
/// derived (for example which dimensions had no data and were left at the neutral middle).
/// </summary>
public sealed record PresetPriorities(IReadOnlyList<int> Priorities, IReadOnlyList<string> Notes)
{
    /// <summary>The middle of the 1..5 scale: no evidence either way.</summary>
    public const int Neutral = 3;

    /// <summary>Rounds half away from zero (2.5 → 3, 3.5 → 4) and clamps to 1..5.</summary>
    public static int ToPriority(double value) =>
        (int)Math.Clamp(Math.Round(value, MidpointRounding.AwayFromZero), ValueObjective.MinPriority, ValueObjective.MaxPriority);
}
