using System.Text.RegularExpressions;

namespace ValueAlign.Core.Methods.Culture;

/// <summary>
/// Finds the option a generated answer picks, in the order MMA-ASIA-style evaluations try:
/// an explicit "answer: X" / "answer is (X)", then a letter opening the reply ("B.", "(B)",
/// "B)"), then the text of exactly one option appearing in the reply. Anything else is no
/// answer (null), which counts as wrong: guessing a letter would credit noise.
/// </summary>
public static partial class AnswerLetterExtractor
{
    public static int? Extract(string reply, IReadOnlyList<string> shownOptions)
    {
        ArgumentNullException.ThrowIfNull(reply);
        // Letters are matched in upper case only: "the answer is a shrine" and "A little girl"
        // use the article, not option A.
        var count = shownOptions.Count;
        foreach (var pattern in new[] { ExplicitAnswer(), LeadingLetter() })
        {
            var match = pattern.Match(reply);
            if (match.Success && !IsWord(reply, match.Groups["letter"]))
            {
                var index = char.ToUpperInvariant(match.Groups["letter"].Value[0]) - 'A';
                if (index >= 0 && index < count)
                    return index;
            }
        }
        var mentioned = Enumerable.Range(0, count)
            .Where(i => shownOptions[i].Trim().Length > 0 && reply.Contains(shownOptions[i].Trim(), StringComparison.OrdinalIgnoreCase))
            .ToList();
        return mentioned.Count == 1 ? mentioned[0] : null;
    }

    /// <summary>"A" and "I" followed by a lower-case word are the article and the pronoun ("Answer: A shrine gate ...").</summary>
    private static bool IsWord(string reply, Group letter)
    {
        if (letter.Value is not ("A" or "I"))
            return false;
        var rest = reply.AsSpan(letter.Index + 1);
        var trimmed = rest.TrimStart(' ');
        return trimmed.Length < rest.Length && trimmed.Length > 0 && char.IsLower(trimmed[0]);
    }

    [GeneratedRegex(@"\banswer(?:\s+is)?\s*[:：]?\s*[\(\[\*]*(?<letter>(?-i:[A-Z]))(?![A-Za-z])", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitAnswer();

    [GeneratedRegex(@"^\s*[\(\[\*]*(?<letter>[A-Z])(?:[\)\]\.:,\*]|\s*$)")]
    private static partial Regex LeadingLetter();
}
