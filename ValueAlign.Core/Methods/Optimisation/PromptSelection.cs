using System.Globalization;
using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Methods.Questionnaires;
using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Optimisation;

/// <summary>
/// Turns a run's selected items into task prompts: N of them drawn with the run's seed (all when N
/// is not smaller), kept in item order. A questionnaire item (PVQ, MFQ) becomes its answer request
/// with its keying, so IROTE's questionnaire rule can score answers to it; any other item is its text.
/// </summary>
public static class PromptSelection
{
    public static IReadOnlyList<BenchmarkItem> Choose(IReadOnlyList<BenchmarkItem> items, int? count, int seed)
    {
        if (items.Count == 0) throw new ArgumentException("Select at least one item as a task prompt.");
        var ordered = items.OrderBy(i => i.Id).ToList();
        if (count is not { } n || n >= ordered.Count) return ordered;
        if (n < 1) throw new ArgumentException($"The number of prompts must be at least 1, not {n}.");
        var random = new Random(seed);
        return ordered.Select(i => (Item: i, Key: random.NextDouble())).OrderBy(x => x.Key).Take(n).Select(x => x.Item).OrderBy(i => i.Id).ToList();
    }

    public static TaskPrompt ToPrompt(BenchmarkItem item, ValueSystemCatalog catalog)
    {
        var id = item.Id.ToString(CultureInfo.InvariantCulture);
        if (item.Kind == ItemKind.QuestionnaireItem && Questionnaire.ForInventory(item.Category) is { } questionnaire
            && catalog.Find(questionnaire.ValueSystemId) is { } system)
        {
            var keyed = item.Labels.Select(l => (Label: l, Dimension: system.Match(l.DimensionId))).Where(x => x.Dimension is not null).ToList();
            var request = QuestionnairePrompts.Answer(questionnaire, item.Text).Replace("Answer as JSON:\n", "", StringComparison.Ordinal).Trim();
            return keyed.Count == 1
                ? new TaskPrompt(id, request) { Questionnaire = new QuestionnaireKey(keyed[0].Dimension!.Id, questionnaire.Scale.Min, questionnaire.Scale.Max, keyed[0].Label.Value < 0) }
                : new TaskPrompt(id, request);
        }
        return new TaskPrompt(id, item.Text);
    }
}
