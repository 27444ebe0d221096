namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// Sentence-aligned chunking with a token budget and overlap: sentences are added to a chunk while
/// the chunk's token count stays within the budget (a single sentence longer than the budget is a
/// chunk of its own); the next chunk starts <c>overlap</c> sentences before the previous one ended,
/// but always at least one sentence later, so chunking ends. Sentences of a new passage follow a
/// blank line. A chunk's token count is the sum of its sentences' counts (separators not counted).
/// </summary>
public static class ContextChunker
{
    public static IReadOnlyList<ContextChunk> Chunk(
        IReadOnlyList<ContextSentence> sentences, IReadOnlyList<int> sentenceTokens, int tokenBudget, int overlapSentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(sentenceTokens);
        if (sentences.Count != sentenceTokens.Count) throw new ArgumentException("One token count is needed per sentence.", nameof(sentenceTokens));
        if (tokenBudget < 1) throw new ArgumentOutOfRangeException(nameof(tokenBudget), tokenBudget, "The chunk token budget must be at least 1.");
        if (overlapSentences < 0) throw new ArgumentOutOfRangeException(nameof(overlapSentences), overlapSentences, "The overlap cannot be negative.");
        if (sentences.Count == 0) throw new ArgumentException("The context has no sentences to chunk.", nameof(sentences));

        var chunks = new List<ContextChunk>();
        var start = 0;
        while (true)
        {
            var end = start;
            var tokens = 0;
            while (end < sentences.Count && (end == start || tokens + sentenceTokens[end] <= tokenBudget))
            {
                tokens += sentenceTokens[end];
                end++;
            }
            chunks.Add(Build(chunks.Count, sentences, start, end, tokens));
            if (end >= sentences.Count) return chunks;
            start = Math.Max(start + 1, end - overlapSentences);
        }
    }

    private static ContextChunk Build(int index, IReadOnlyList<ContextSentence> sentences, int start, int end, int tokens)
    {
        var text = new System.Text.StringBuilder();
        for (var i = start; i < end; i++)
        {
            var s = sentences[i];
            if (i > start) text.Append(s.StartsPassage ? "\n\n" : " ");
            text.Append(s.Text);
        }
        var range = Enumerable.Range(start, end - start).Select(i => sentences[i]).ToList();
        return new ContextChunk(index, text.ToString(), start, end, tokens,
            [.. range.Select(s => s.Passage).Distinct()], range.Any(s => s.Supporting));
    }
}
