using System.Text.RegularExpressions;

namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>
/// Checks the LegalΔ output shape <c>&lt;reasoning&gt;…&lt;/reasoning&gt;&lt;answer&gt;[TAG]…&lt;eoa&gt;&lt;/answer&gt;</c>
/// that earns the format reward. Whitespace and newlines between the parts are allowed (the
/// dataset's own template puts each part on its own line), and so is one markdown code fence
/// round the whole (``` … ```), because the dataset's instruction shows the template inside a
/// fence and its distilled outputs copy it. Nothing else may come before, between or after the
/// parts. The reasoning must not be blank and the tag must be one of the five task tags.
/// </summary>
public static partial class LegalFormat
{
    public static bool IsValid(string output) => TryRead(output, out _, out _);

    /// <summary>Reads the reasoning and the tagged answer when the output has the shape.</summary>
    public static bool TryRead(string output, out string reasoning, out LegalAnswer? answer)
    {
        reasoning = "";
        answer = null;
        if (output is null) return false;
        var m = Shape().Match(output);
        if (!m.Success || string.IsNullOrWhiteSpace(m.Groups["reasoning"].Value)) return false;
        if (!LegalTaskTags.TryParse(m.Groups["tag"].Value, out var type)) return false;
        reasoning = m.Groups["reasoning"].Value.Trim();
        answer = new LegalAnswer(type, m.Groups["content"].Value.Trim());
        return true;
    }

    [GeneratedRegex(@"^\s*(?<fence>```[A-Za-z]*\s*)?<reasoning>(?<reasoning>.*?)</reasoning>\s*<answer>\s*\[(?<tag>[^\[\]]+)\](?<content>(?:(?!<eoa>|</?answer>|</?reasoning>).)*)<eoa>\s*</answer>\s*(?(fence)```\s*)$", RegexOptions.Singleline)]
    private static partial Regex Shape();
}
