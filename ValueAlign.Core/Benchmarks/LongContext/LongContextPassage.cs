namespace ValueAlign.Core.Benchmarks.LongContext;

/// <summary>
/// One passage of a long-context QA item. <see cref="Sentences"/> concatenated give the passage
/// text exactly (HotpotQA's sentences keep their leading space). <see cref="IsSupporting"/> marks a
/// gold passage; <see cref="SupportingSentences"/> lists the supporting sentence indexes when the
/// format names them (HotpotQA), and is empty when it marks whole paragraphs only (MuSiQue).
/// </summary>
public sealed record LongContextPassage(
    string? Title,
    IReadOnlyList<string> Sentences,
    bool IsSupporting = false,
    IReadOnlyList<int>? SupportingSentences = null)
{
    public IReadOnlyList<int> SupportingSentences { get; init; } = SupportingSentences ?? [];

    public string Text => string.Concat(Sentences);

    public bool IsSupportingSentence(int index) => SupportingSentences.Contains(index);
}
