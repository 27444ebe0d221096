using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Values;

/// <summary>
/// Matches an item label's dimension id to a dimension of a value system. Importers write kebab-case
/// ids of the names their data set prints ("Do not break your promises" → <c>do-not-break-your-promises</c>),
/// which need not be the catalogue's id, so the kebab forms of names and aliases count too.
/// </summary>
public static class LabelDimensions
{
    public static ValueDimension? Match(this ValueSystem system, string labelDimensionId) =>
        system.FindDimensionById(labelDimensionId)
        ?? system.FindDimension(labelDimensionId)
        ?? system.Dimensions.FirstOrDefault(d =>
            DimensionIds.Kebab(d.Name) == labelDimensionId || d.Aliases.Any(a => DimensionIds.Kebab(a) == labelDimensionId));
}
