using System.Globalization;

namespace ValueAlign.Core.Values.Objectives;

/// <summary>
/// Parses a compact priority list such as <c>power=1,universalism=5</c> into an objective for a
/// system (the command line's <c>--priorities</c>). Dimensions may be named by id, name or alias;
/// dimensions left out get <see cref="DefaultPriority"/>, the middle of the 1..5 scale. Every problem
/// is reported with its position, all at once.
/// </summary>
public static class PriorityList
{
    public const int DefaultPriority = 3;

    public static ValueObjective Parse(ValueSystem system, string text)
    {
        var errors = new List<string>();
        var given = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = text.Split(',', StringSplitOptions.TrimEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            var where = $"priorities entry {i + 1} ('{entry}')";
            var equals = entry.IndexOf('=');
            if (equals <= 0)
            {
                errors.Add($"{where}: expected DIMENSION=PRIORITY, e.g. power=1.");
                continue;
            }
            var label = entry[..equals].Trim();
            var dimension = system.FindDimension(label);
            if (dimension is null)
            {
                errors.Add($"{where}: '{label}' is not a dimension of {system.Id} (known: {string.Join(", ", system.Dimensions.Select(d => d.Id))}).");
            }
            if (!int.TryParse(entry[(equals + 1)..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var priority)
                || priority is < ValueObjective.MinPriority or > ValueObjective.MaxPriority)
            {
                errors.Add($"{where}: the priority must be a whole number {ValueObjective.MinPriority}..{ValueObjective.MaxPriority}.");
                continue;
            }
            if (dimension is not null && !given.TryAdd(dimension.Id, priority))
            {
                errors.Add($"{where}: {dimension.Id} is given more than once.");
            }
        }
        if (errors.Count > 0)
        {
            throw new InvalidObjectiveException(errors);
        }
        return ValueObjective.FromVector(system, system.Dimensions.Select(d => given.GetValueOrDefault(d.Id, DefaultPriority)).ToArray());
    }
}
