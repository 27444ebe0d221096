namespace ValueAlign.Core.Benchmarks.LongContext;

/// <summary>
/// Splits running text into sentences whose concatenation is the text again (whitespace stays
/// with the sentence it follows, so nothing is lost). A sentence ends after <c>. ! ?</c> (and any
/// closing quotes or brackets) when whitespace follows, after <c>。！？</c> always, and at a line
/// break. A full stop after a single capital letter ("J. K. Rowling") does not end a sentence.
/// Other abbreviations ("Mr.") do split: a rule-based splitter's known limit, harmless for chunking.
/// </summary>
public static class SentenceSplitter
{
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var end = -1;
            if (c == '\n')
            {
                end = i + 1;
            }
            else if (c is '。' or '！' or '？')
            {
                end = AfterClosers(text, i + 1);
            }
            else if (c is '.' or '!' or '?' && !IsInitial(text, i, c))
            {
                var after = AfterClosers(text, i + 1);
                if (after >= text.Length || char.IsWhiteSpace(text[after]))
                {
                    end = after;
                }
            }
            if (end < 0)
            {
                i++;
                continue;
            }
            // Trailing spaces (not line breaks, which end their own sentence) stay with this sentence.
            while (end < text.Length && text[end] is ' ' or '\t' or '\r')
            {
                end++;
            }
            if (end < text.Length && text[end] == '\n' && c != '\n')
            {
                end++;
            }
            sentences.Add(text[start..end]);
            start = end;
            i = end;
        }
        if (start < text.Length)
        {
            sentences.Add(text[start..]);
        }
        // Whitespace-only pieces (blank lines) join the sentence before them.
        var merged = new List<string>(sentences.Count);
        foreach (var s in sentences)
        {
            if (merged.Count > 0 && string.IsNullOrWhiteSpace(s))
            {
                merged[^1] += s;
            }
            else
            {
                merged.Add(s);
            }
        }
        return merged;
    }

    private static int AfterClosers(string text, int i)
    {
        while (i < text.Length && text[i] is '"' or '\'' or ')' or ']' or '”' or '’' or '」' or '』' or '）')
        {
            i++;
        }
        return i;
    }

    private static bool IsInitial(string text, int i, char c) =>
        c == '.' && i >= 1 && char.IsUpper(text[i - 1]) && (i == 1 || !char.IsLetter(text[i - 2]));
}
