using System.Text.RegularExpressions;

namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>
/// A tagged LegalΔ answer, <c>[TAG]content&lt;eoa&gt;</c>, as in the dataset's gold answers
/// (<c>[刑期]36月&lt;eoa&gt;</c>) and inside a model's <c>&lt;answer&gt;</c> block. The end marker is
/// optional when reading model output, which is often cut before it.
/// </summary>
public sealed partial record LegalAnswer(LegalTaskType Type, string Content)
{
    public const string EndMarker = "<eoa>";

    public static bool TryParse(string text, out LegalAnswer? answer)
    {
        answer = null;
        if (text is null) return false;
        var m = Tagged().Match(text);
        if (!m.Success || !LegalTaskTags.TryParse(m.Groups["tag"].Value, out var type)) return false;
        answer = new LegalAnswer(type, m.Groups["content"].Value.Trim());
        return true;
    }

    /// <summary>Parses a gold answer; malformed gold data is an error, not a zero score.</summary>
    public static LegalAnswer ParseGold(string text) =>
        TryParse(text, out var answer)
            ? answer!
            : throw new FormatException($"Not a tagged LegalΔ answer ([罪名], [法条], [刑期], [金额] or [正确答案] … <eoa>): \"{text}\".");

    [GeneratedRegex(@"\[(?<tag>[^\[\]]+)\](?<content>.*?)(?:<eoa>|$)", RegexOptions.Singleline)]
    private static partial Regex Tagged();
}
