namespace ValueAlign.Core.Methods.Couple;

/// <summary>D = sum_i |s'_i - s_i| between the attributed profile s' and the target s.</summary>
public static class Deviation
{
    public static double Between(IReadOnlyList<double> attributed, IReadOnlyList<double> target)
    {
        if (attributed.Count != target.Count)
        {
            throw new ArgumentException($"Profiles differ in length ({attributed.Count} vs {target.Count}).");
        }
        return attributed.Select((a, i) => Math.Abs(a - target[i])).Sum();
    }

    /// <summary>True when the deviation is within the threshold: the response already meets the objective.</summary>
    public static bool MeetsObjective(double deviation, double threshold) => deviation <= threshold;
}
