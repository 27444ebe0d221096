using System.Text;

namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// The answer normalisation of SQuAD-style QA scoring, used by LongMab-PO and LongBench: lower
/// case, punctuation removed, the articles <c>a</c>, <c>an</c>, <c>the</c> removed as words,
/// whitespace collapsed. Punctuation is every Unicode punctuation or symbol character (SQuAD's
/// ASCII list, extended so that "–" and "”" go too).
/// </summary>
public static class AnswerNormalization
{
    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal) { "a", "an", "the" };

    public static string Normalize(string text) => string.Join(' ', Tokens(text));

    /// <summary>The normalised answer's words.</summary>
    public static IReadOnlyList<string> Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (!char.IsPunctuation(c) && !char.IsSymbol(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !Articles.Contains(w))
            .ToList();
    }
}
