using System.Text.RegularExpressions;

namespace ValueAlign.Core.Methods.Couple.Inspection;

/// <summary>Whether a run of words is in both texts, only in the original, or only in the new text.</summary>
public enum DiffKind
{
    Same,
    Deleted,
    Inserted,
}

/// <summary>A run of consecutive words of one kind, joined by single spaces.</summary>
public sealed record DiffSegment(DiffKind Kind, string Text);

/// <summary>
/// Word-level diff of an original and a rewritten response by longest common subsequence. Words
/// are whitespace-separated runs compared exactly (punctuation stays attached: "it." differs from
/// "it"), because the inspector shows what the rewrite changed, character for character. Where
/// several alignments are equally long, deletions are listed before insertions at each change.
/// </summary>
public static partial class WordDiff
{
    public static IReadOnlyList<string> Words(string text) =>
        Whitespace().Split(text.Trim()).Where(w => w.Length > 0).ToArray();

    public static IReadOnlyList<DiffSegment> Compare(string original, string rewritten)
    {
        var a = Words(original);
        var b = Words(rewritten);
        // lcs[i, j] = length of the longest common subsequence of a[i..] and b[j..].
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var words = new List<(DiffKind Kind, string Word)>();
        int x = 0, y = 0;
        while (x < a.Count || y < b.Count)
        {
            if (x < a.Count && y < b.Count && a[x] == b[y])
            {
                words.Add((DiffKind.Same, a[x++]));
                y++;
            }
            else if (y >= b.Count || (x < a.Count && lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                words.Add((DiffKind.Deleted, a[x++]));
            }
            else
            {
                words.Add((DiffKind.Inserted, b[y++]));
            }
        }
        return Merge(words);
    }

    private static List<DiffSegment> Merge(List<(DiffKind Kind, string Word)> words)
    {
        var segments = new List<DiffSegment>();
        var i = 0;
        while (i < words.Count)
        {
            var kind = words[i].Kind;
            var run = new List<string>();
            while (i < words.Count && words[i].Kind == kind)
            {
                run.Add(words[i++].Word);
            }
            segments.Add(new DiffSegment(kind, string.Join(' ', run)));
        }
        return segments;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
