namespace ValueAlign.Core.Benchmarks.LongContext;

/// <summary>
/// A long-context (multi-document) question: the passages in source order, the gold answer and
/// its aliases (every one counts as correct), and whether the format marks supporting facts at all.
/// </summary>
public sealed record LongContextQa(
    string Question,
    IReadOnlyList<LongContextPassage> Passages,
    IReadOnlyList<string> GoldAnswers,
    bool HasSupportingFacts)
{
    /// <summary>The passages as one text: each passage's title on its own line, passages separated by a blank line.</summary>
    public string ContextText => Join(Passages);

    public static string Join(IEnumerable<LongContextPassage> passages) =>
        string.Join("\n\n", passages.Select(p => string.IsNullOrEmpty(p.Title) ? p.Text.Trim() : p.Title + "\n" + p.Text.Trim()));
}
