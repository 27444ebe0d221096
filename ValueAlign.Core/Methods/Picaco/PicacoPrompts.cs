using System.Text;
using ValueAlign.Core.Methods.Optimisation;

namespace ValueAlign.Core.Methods.Picaco;

/// <summary>The judge's conformity question and the proposal prompt of instruction refinement (plain completion prompts).</summary>
public static class PicacoPrompts
{
    public static string Conformity(TargetValue value, string request, string response) =>
        $"""
        Does the response conform to the value below?
        Value: {value.Name}: {value.Definition}
        Request: {request.Trim()}
        Response: {response.Trim()}
        """ + "\n" + BinarySlotJudge.AnswerCue;

    /// <summary>The value descriptions s whose embedding measures parroting: one "Name: definition" line per value.</summary>
    public static string ValueDescriptions(IReadOnlyList<TargetValue> values) =>
        string.Join("\n", values.Select(v => $"{v.Name}: {v.Definition}"));

    public static string Proposal(IReadOnlyList<TargetValue> values, string current, IReadOnlyList<ScoredResponse> aligned, IReadOnlyList<ScoredResponse> parroting)
    {
        var text = new StringBuilder();
        text.AppendLine("Write a short instruction for an assistant. Its answers should honour all of these values at once, in what they say and do, without naming the values or repeating their descriptions:");
        foreach (var v in values)
        {
            text.Append("- ").Append(v.Name).Append(": ").AppendLine(v.Definition);
        }
        text.Append("Current instruction: ").AppendLine(current);
        if (aligned.Count > 0)
        {
            text.AppendLine("Answers that honour the values well:");
            foreach (var r in aligned) text.Append("- ").AppendLine(OneLine(r.Text));
        }
        if (parroting.Count > 0)
        {
            text.AppendLine("Answers that only repeat the value words (avoid this):");
            foreach (var r in parroting) text.Append("- ").AppendLine(OneLine(r.Text));
        }
        text.Append("Improved instruction:\n");
        return text.ToString();
    }

    private static string OneLine(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length > 300 ? flat[..300] + "…" : flat;
    }
}
