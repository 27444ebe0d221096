using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Values.Objectives.Presets;

/// <summary>
/// Priorities from an item's value vector, as Value FULCRA labels a dialogue: per Schwartz value
/// +1 (the response upholds it), −1 (it violates it) or 0 (related but neither); values not listed
/// are not at stake.
/// <para>Mapping, linear in the label: <c>priority = 3 + 2·label</c>, rounded and clamped to 1..5, so
/// +1 → 5 (an objective that asks for what the response expressed), 0 → 3, −1 → 1 (an objective
/// that asks to avoid what the response violated). A dimension without a label gets 3: the dialogue
/// says nothing about it, and the neutral middle neither asks for nor against it. Labels between
/// −1 and +1 (for example averaged annotations) land in between; labels of other value systems and
/// labels about part of an item (<see cref="ItemLabel.Target"/>) are ignored.</para>
/// </summary>
public static class LabelVectorPreset
{
    public static PresetPriorities FromLabels(ValueSystem system, IEnumerable<ItemLabel> labels)
    {
        var all = labels.ToList();
        var mine = all.Where(l => l.ValueSystemId == system.Id && l.Target is null).ToList();
        if (mine.Count == 0)
        {
            var others = all.Select(l => l.ValueSystemId).Distinct().Order(StringComparer.Ordinal).ToArray();
            throw new PresetInputException([others.Length == 0
                ? $"The item has no value labels; pick a labelled item (for example a Value FULCRA dialogue)."
                : $"The item has no labels for {system.Id}, only for {string.Join(", ", others)}; switch the objective to one of those systems or pick another item."]);
        }
        var problems = new List<string>();
        var byDimension = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var label in mine)
        {
            if (system.FindDimensionById(label.DimensionId) is null)
            {
                problems.Add($"Label '{label.DimensionId}': not a dimension of {system.Id}.");
            }
            else if (!double.IsFinite(label.Value) || label.Value is < -1 or > 1)
            {
                problems.Add($"Label '{label.DimensionId}': value {label.Value} is outside −1..+1.");
            }
            else if (!byDimension.TryAdd(label.DimensionId, label.Value))
            {
                problems.Add($"Label '{label.DimensionId}': appears more than once.");
            }
        }
        if (problems.Count > 0)
        {
            throw new PresetInputException(problems);
        }
        var unlabelled = system.Dimensions.Where(d => !byDimension.ContainsKey(d.Id)).Select(d => d.Name).ToArray();
        var notes = unlabelled.Length == 0
            ? Array.Empty<string>()
            : [$"No label for {string.Join(", ", unlabelled)}: set to {PresetPriorities.Neutral} (not at stake in this item)."];
        var priorities = system.Dimensions
            .Select(d => byDimension.TryGetValue(d.Id, out var v) ? PresetPriorities.ToPriority(PresetPriorities.Neutral + 2 * v) : PresetPriorities.Neutral)
            .ToArray();
        return new PresetPriorities(priorities, notes);
    }
}
