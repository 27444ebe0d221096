namespace ValueAlign.Core.Benchmarks.Model;

/// <summary>
/// One gold value of an item on a dimension of a value system, e.g. Touché 0/1 per category,
/// FULCRA −1/0/+1 per Schwartz value, ValueBench agreement ±1.
/// </summary>
public sealed class ItemLabel
{
    public long Id { get; set; }

    public long ItemId { get; set; }

    public BenchmarkItem? Item { get; set; }

    /// <summary>Catalogue id of the value system, e.g. <c>schwartz-10</c>.</summary>
    public string ValueSystemId { get; set; } = "";

    /// <summary>Kebab-case dimension id inside that value system, e.g. <c>self-direction</c>.</summary>
    public string DimensionId { get; set; } = "";

    public double Value { get; set; }

    /// <summary>
    /// What part of the item the label is about when it is not the whole item, e.g.
    /// <c>action1</c> for MoralChoice rule violations; null for the item itself.
    /// </summary>
    public string? Target { get; set; }
}
