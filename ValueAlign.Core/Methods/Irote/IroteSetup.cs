using ValueAlign.Core.Methods.Optimisation;

namespace ValueAlign.Core.Methods.Irote;

/// <summary>What an IROTE optimisation works on: the target trait, the task prompts, the trait scorer and the settings.</summary>
public sealed record IroteSetup(TargetValue Trait, IReadOnlyList<TaskPrompt> Prompts, ITraitScorer Scorer, IroteSettings Settings)
{
    public void Validate()
    {
        Settings.Validate();
        if (Prompts.Count == 0) throw new ArgumentException("Choose at least one task prompt.");
        var twice = Prompts.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"Task prompt id '{twice.Key}' is used twice.");
        var blank = Prompts.FirstOrDefault(p => string.IsNullOrWhiteSpace(p.Text));
        if (blank is not null) throw new ArgumentException($"Task prompt '{blank.Id}' is empty.");
    }
}
