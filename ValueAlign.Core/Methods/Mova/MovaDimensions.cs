using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Mova;

/// <summary>
/// The dimensions a MoVa run classifies. Every core dimension of the system is used; an optional
/// one (liberty in Moral Foundations) only when some selected item is labelled in it, as the paper
/// uses its "MFT with liberty" template only for data annotated with liberty. Asking for a
/// dimension no item is labelled in would score every text against an all-negative gold and drag
/// the macro averages with an undefined AUC, so it is left out and the report says so.
/// </summary>
public sealed record MovaDimensions(IReadOnlyList<ValueDimension> Used, IReadOnlyList<ValueDimension> LeftOut)
{
    public static MovaDimensions Of(ValueSystem system, IEnumerable<BenchmarkItem> items)
    {
        var labelled = items.SelectMany(i => i.Labels)
            .Where(l => l.ValueSystemId == system.Id)
            .Select(l => system.Match(l.DimensionId)?.Id)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var used = system.Dimensions.Where(d => !d.Optional || labelled.Contains(d.Id)).ToList();
        return new MovaDimensions(used, system.Dimensions.Except(used).ToList());
    }

    /// <summary>For the report: which optional dimensions were left out and why, or "none".</summary>
    public string LeftOutNote => LeftOut.Count == 0
        ? "none"
        : string.Join(", ", LeftOut.Select(d => d.Name)) + " (optional; no selected item is labelled in it)";
}
