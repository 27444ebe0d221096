namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// The planned do(V_i = s_i) for one dimension: the wanted shift, the graph influence applied to it
/// (0 for a dimension held at its target), the adjusted shift that orders and words the
/// intervention, and the counterfactual concept once generated.
/// </summary>
public sealed record DimensionIntervention(
    string DimensionId,
    string DimensionName,
    double Attributed,
    int Target,
    double Importance,
    double Shift,
    double Influence,
    double AdjustedShift,
    IReadOnlyList<string> NeighbourNotes)
{
    /// <summary>Importance times the size of the adjusted shift: larger goes first.</summary>
    public double Urgency => Importance * Math.Abs(AdjustedShift);

    /// <summary>A verb phrase for the adjusted shift: "keep", or "slightly/moderately/strongly" "express more"/"express less".</summary>
    public string Instruction => Words(AdjustedShift);

    public string? CounterfactualConcept { get; init; }

    public static string Words(double shift)
    {
        var size = Math.Abs(shift);
        if (size < 0.5)
        {
            return "keep the current level of";
        }
        var degree = size < 1.5 ? "slightly" : size < 2.5 ? "moderately" : "strongly";
        return shift > 0 ? $"{degree} express more" : $"{degree} express less";
    }
}
