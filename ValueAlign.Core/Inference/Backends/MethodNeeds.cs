namespace ValueAlign.Core.Inference.Backends;

/// <summary>
/// What a method needs of the evaluated model and of its judge (<see cref="ModelCapabilities.None"/>
/// when the method judges nothing), and for each capability the documented way to do without it
/// (for example generate-then-extract instead of likelihood scoring), which the refusal names.
/// </summary>
public sealed record MethodNeeds(ModelCapabilities Model, ModelCapabilities Judge = ModelCapabilities.None)
{
    private readonly Dictionary<ModelCapabilities, string> alternatives = [];

    /// <summary>Plain generation, no judge.</summary>
    public static MethodNeeds Generation { get; } = new(ModelCapabilities.Generation);

    /// <summary>True when the method asks a judge model (which is the evaluated model itself unless another is chosen).</summary>
    public bool Judges => Judge != ModelCapabilities.None;

    /// <summary>The documented alternative when <paramref name="capability"/> is missing, or null.</summary>
    public string? AlternativeTo(ModelCapabilities capability) => alternatives.GetValueOrDefault(capability);

    /// <summary>A copy that names <paramref name="alternative"/> when <paramref name="capability"/> is missing.</summary>
    public MethodNeeds WithAlternative(ModelCapabilities capability, string alternative)
    {
        var copy = this with { };
        copy.alternatives[capability] = alternative;
        return copy;
    }

    private MethodNeeds(MethodNeeds other)
    {
        Model = other.Model;
        Judge = other.Judge;
        alternatives = new Dictionary<ModelCapabilities, string>(other.alternatives);
    }
}
