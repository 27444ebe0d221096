namespace ValueAlign.Core.Values;

/// <summary>
/// A value system from the catalogue: its dimensions, where it comes from, how it is measured
/// and scored, what to watch out for when applying it to language models, and how its
/// dimensions relate to each other.
/// </summary>
/// <param name="DisplayOrder">Position in catalogue listings (the file's optional <c>order</c>; unset sorts last).</param>
public sealed record ValueSystem(
    string Id,
    string Name,
    string Version,
    int DisplayOrder,
    string Summary,
    SourceTheory Theory,
    IReadOnlyList<MeasuringInstrument> Instruments,
    string Scoring,
    IReadOnlyList<string> Caveats,
    bool IsCircular,
    IReadOnlyList<ValueGroup> Groups,
    IReadOnlyList<ValueDimension> Dimensions,
    IReadOnlyList<RelationPair> ExplicitRelations,
    string? RelationNote,
    RelationGraph Relations,
    string SourceFile)
{
    public ValueDimension? FindDimensionById(string id) => Dimensions.FirstOrDefault(d => d.Id == id);

    /// <summary>The dimension a dataset label refers to (id, name or alias, case-insensitive), or null.</summary>
    public ValueDimension? FindDimension(string label) => Dimensions.FirstOrDefault(d => d.Matches(label));

    public ValueGroup? FindGroup(string id) => Groups.FirstOrDefault(g => g.Id == id);
}
