namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>
/// The texts the <c>legal-delta</c> method sends as raw completions. The dataset's instructions end
/// with "输入：" and a newline, so the case text follows directly. Both teacher-forced passes end in
/// the same <c>&lt;answer&gt;</c> line, so the gold answer is read after identical last tokens and
/// differs only in what comes before: the model's own reasoning, or nothing.
/// </summary>
public static class LegalDeltaPrompts
{
    public const string AnswerOpen = "<answer>\n";

    public static string Reasoning(LegalDeltaItem item) => item.Instruction + item.Question;

    /// <summary>The reasoning prompt followed by the model's reasoning in the dataset's shape, up to the opened answer.</summary>
    public static string AfterReasoning(LegalDeltaItem item, string reasoning) =>
        Reasoning(item) + "\n<reasoning>\n" + reasoning.Trim() + "\n</reasoning>\n" + AnswerOpen;

    public static string Direct(LegalDeltaItem item) => item.DirectInstruction + item.Question + "\n" + AnswerOpen;
}
