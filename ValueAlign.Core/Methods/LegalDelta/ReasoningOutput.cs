namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>
/// A model's reasoning-mode output read with <see cref="LegalFormat"/>: the reasoning and the tagged
/// answer when the output has the shape. When it does not, the reasoning is the text inside
/// <c>&lt;reasoning&gt;</c> (up to <c>&lt;/reasoning&gt;</c> or <c>&lt;answer&gt;</c>, whichever is
/// there) or else everything before <c>&lt;answer&gt;</c>, and the answer is the first tagged answer
/// after <c>&lt;answer&gt;</c> (or anywhere): information gain is measured for every output, and
/// only the format reward depends on the exact shape.
/// </summary>
public sealed record ReasoningOutput(bool FormatValid, string Reasoning, LegalAnswer? Answer)
{
    public static ReasoningOutput Read(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (LegalFormat.TryRead(output, out var reasoning, out var answer))
            return new ReasoningOutput(true, reasoning, answer);
        var answerAt = output.IndexOf("<answer>", StringComparison.Ordinal);
        var before = answerAt >= 0 ? output[..answerAt] : output;
        var open = before.IndexOf("<reasoning>", StringComparison.Ordinal);
        if (open >= 0)
        {
            before = before[(open + "<reasoning>".Length)..];
            var close = before.IndexOf("</reasoning>", StringComparison.Ordinal);
            if (close >= 0) before = before[..close];
        }
        LegalAnswer.TryParse(answerAt >= 0 ? output[(answerAt + "<answer>".Length)..] : output, out var parsed);
        return new ReasoningOutput(false, before.Trim(), parsed);
    }
}
