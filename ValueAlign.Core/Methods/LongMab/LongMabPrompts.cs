namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// The user messages LongMab-PO sends (through the model's chat template). The probe sees the
/// question alone: the whole context may not fit the model, which is why the bandit exists, and
/// methods.md asks only for "a probe reasoning". A rollout sees the selected chunks; the exported
/// preference prompt is the same instruction over the whole context, so a trainer learns to answer
/// from the long input.
/// </summary>
public static class LongMabPrompts
{
    public const string AnswerLabel = "Answer:";

    public static string Probe(string question) =>
        $"Question: {question}\n\nThink step by step about which facts are needed to answer this question and what the answer is likely to be.";

    public static string Rollout(IEnumerable<string> passages, string question) =>
        "Read the passages and answer the question.\n\n"
        + string.Join("\n\n", passages.Select((p, i) => $"[{i + 1}] {p}"))
        + $"\n\nQuestion: {question}\n\nThink step by step, then give the final answer on the last line as \"{AnswerLabel} <answer>\".";

    /// <summary>The answer a rollout gives: the text after the last "Answer:" (to the end of its line), else the last non-empty line.</summary>
    public static string ExtractAnswer(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var at = output.LastIndexOf(AnswerLabel, StringComparison.OrdinalIgnoreCase);
        if (at >= 0)
        {
            var rest = output[(at + AnswerLabel.Length)..];
            var line = rest.Split('\n', 2)[0].Trim();
            if (line.Length > 0) return line;
        }
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
    }
}
