namespace ValueAlign.Core.Values.Objectives.Presets;

/// <summary>Data a preset cannot use; every problem names its line or field.</summary>
public sealed class PresetInputException(IReadOnlyList<string> problems)
    : Exception(string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
