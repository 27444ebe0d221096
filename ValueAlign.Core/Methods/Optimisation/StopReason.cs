namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>Why an optimiser stopped, in words the progress view and the JSON show.</summary>
public static class StopReason
{
    public static string Converged(int round) => $"the instruction did not change in round {round}";

    public static string RoundLimit(int rounds) => $"reached the round limit ({rounds})";
}
