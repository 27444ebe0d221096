using ValueAlign.Core.Methods.Optimisation;

namespace ValueAlign.Core.Methods.Picaco;

/// <summary>What a PICACO optimisation works on: the K target values, the N task prompts, and the settings.</summary>
public sealed record PicacoSetup(IReadOnlyList<TargetValue> Values, IReadOnlyList<TaskPrompt> Prompts, PicacoSettings Settings)
{
    public void Validate()
    {
        Settings.Validate();
        if (Values.Count == 0) throw new ArgumentException("Choose at least one target value.");
        if (Prompts.Count == 0) throw new ArgumentException("Choose at least one task prompt.");
        var twice = Prompts.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"Task prompt id '{twice.Key}' is used twice.");
        var blank = Prompts.FirstOrDefault(p => string.IsNullOrWhiteSpace(p.Text));
        if (blank is not null) throw new ArgumentException($"Task prompt '{blank.Id}' is empty.");
    }
}

/// <summary>The rounds run so far, the instruction they ended with, and why the optimisation stopped (null while it can go on).</summary>
public sealed record PicacoResult(IReadOnlyList<PicacoRound> Rounds, string Instruction, string? StopReason);
