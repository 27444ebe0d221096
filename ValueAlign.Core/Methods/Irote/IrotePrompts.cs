using System.Globalization;
using System.Text;
using ValueAlign.Core.Methods.Optimisation;

namespace ValueAlign.Core.Methods.Irote;

/// <summary>IROTE's generation prompts (plain completion prompts, each ending where the model's text begins).</summary>
public static class IrotePrompts
{
    public static string Initial(TargetValue trait) =>
        $"""
        Write a short self-reflection in the first person, one or two sentences, by someone for whom this matters most:
        {trait.Name}: {trait.Definition}
        Self-reflection:
        """ + "\n";

    public static string Behaviour(string reflection) =>
        $"""
        Self-reflection: {reflection}
        Name one concrete thing the person who wrote this would do.
        Behaviour:
        """ + "\n";

    public static string Synthesis(TargetValue trait, IReadOnlyList<ImpliedBehaviours> behaviours)
    {
        var text = new StringBuilder();
        text.Append("These behaviours follow from self-reflections about ").Append(trait.Name).Append(" (").Append(trait.Definition).AppendLine("):");
        foreach (var b in behaviours.SelectMany(b => b.Behaviours).Where(b => b.Length > 0))
        {
            text.Append("- ").AppendLine(b);
        }
        text.AppendLine("Write one short self-reflection in the first person that keeps what these behaviours have in common and leaves out details only one of them has.");
        text.Append("Self-reflection:\n");
        return text.ToString();
    }

    public static string Revision(TargetValue trait, ReflectionCandidate candidate)
    {
        var text = new StringBuilder();
        text.Append("Target trait: ").Append(trait.Name).Append(": ").AppendLine(trait.Definition);
        text.Append("Self-reflection: ").AppendLine(candidate.Text);
        text.AppendLine(CultureInfo.InvariantCulture, $"With it as a prefix, answers showed the trait with a mean log-probability of {candidate.Evocativeness:0.00}.");
        var weakest = candidate.Prompts.SelectMany(p => p.Samples).Where(s => s.Text.Length > 0).OrderBy(s => s.LogTrait).FirstOrDefault();
        if (weakest is not null)
        {
            text.Append("The answer that showed it least: ").AppendLine(OneLine(weakest.Text));
        }
        text.AppendLine("Revise the self-reflection so that answers show the trait more clearly. Keep it short and in the first person.");
        text.Append("Revised self-reflection:\n");
        return text.ToString();
    }

    private static string OneLine(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length > 300 ? flat[..300] + "…" : flat;
    }
}
