using System.Text;

namespace ValueAlign.Core.Benchmarks.Query;

/// <summary>Turns what a user typed into a provider's full-text query without letting its syntax through.</summary>
public static class FullTextQuery
{
    /// <summary>
    /// FTS5: every word quoted (so <c>AND</c>, <c>*</c>, <c>:</c> are plain text), all required,
    /// the last one a prefix so results appear while typing. Null when nothing searchable remains.
    /// </summary>
    public static string? ForFts5(string text)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return null;
        }
        var builder = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0) builder.Append(' ');
            builder.Append('"').Append(words[i].Replace("\"", "\"\"")).Append('"');
            if (i == words.Count - 1) builder.Append('*');
        }
        return builder.ToString();
    }

    /// <summary>PostgreSQL <c>to_tsquery('simple', …)</c>: words as quoted lexemes joined by <c>&amp;</c>, the last a prefix.</summary>
    public static string? ForTsQuery(string text)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return null;
        }
        return string.Join(" & ", words.Select((w, i) => "'" + w.Replace("'", "''").Replace("\\", "\\\\") + "'" + (i == words.Count - 1 ? ":*" : "")));
    }

    private static List<string> Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()))
            .Where(w => w.Length > 0)
            .ToList();
}
