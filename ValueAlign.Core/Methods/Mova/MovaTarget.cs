using System.Text.Json;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Mova;

/// <summary>
/// What one MoVa text is: a value-labelled item as a whole (<see cref="Whole"/>), or one action of a
/// MoralChoice scenario (<c>action1</c>, <c>action2</c>), whose labels carry that target. Builds the
/// text shown to the model and the gold 0/1 per dimension.
/// <para>Gold rule (not fixed by the paper for these label scales; documented): a dimension is
/// involved when |label| &gt; 0.5 — FULCRA's −1 (the text goes against the value) involves it as
/// much as +1, MoralChoice's "No Agreement" (0.5, annotators split) does not, and a dimension
/// without a label is not involved.</para>
/// </summary>
public static class MovaTarget
{
    public const string Whole = "text";

    /// <summary>The targets of an item: its labelled actions for scenarios, else the whole text.</summary>
    public static IReadOnlyList<string> Of(BenchmarkItem item, ValueSystem system)
    {
        if (item.Kind != ItemKind.MoralScenario)
        {
            return [Whole];
        }
        return item.Labels.Where(l => l.ValueSystemId == system.Id && l.Target is not null)
            .Select(l => l.Target!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    public static string Text(BenchmarkItem item, string target)
    {
        var text = string.IsNullOrWhiteSpace(item.Context) ? item.Text : item.Context.Trim() + "\n" + item.Text;
        if (target == Whole)
        {
            return text;
        }
        var options = item.OptionsJson is null ? [] : JsonSerializer.Deserialize<string[]>(item.OptionsJson) ?? [];
        var index = target.StartsWith("action", StringComparison.Ordinal) && int.TryParse(target.AsSpan(6), out var n) ? n - 1 : -1;
        if (index < 0 || index >= options.Length)
        {
            throw new ArgumentException($"Item {item.Benchmark}/{item.ExternalId}: label target '{target}' names no action of the item.");
        }
        return text + "\nAction: " + options[index];
    }

    public static IReadOnlyList<bool> Gold(BenchmarkItem item, ValueSystem system, string target) => Gold(item, system, target, system.Dimensions);

    /// <summary>Gold 0/1 for <paramref name="dimensions"/>, in their order.</summary>
    public static IReadOnlyList<bool> Gold(BenchmarkItem item, ValueSystem system, string target, IReadOnlyList<ValueDimension> dimensions)
    {
        var labels = item.Labels.Where(l => l.ValueSystemId == system.Id && (l.Target ?? Whole) == target).ToList();
        return dimensions
            .Select(d => labels.Any(l => system.Match(l.DimensionId)?.Id == d.Id && Math.Abs(l.Value) > 0.5))
            .ToList();
    }
}
