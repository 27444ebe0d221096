using ValueAlign.Core.Benchmarks.LongContext;
using ValueAlign.Core.Methods.LongMab;

namespace ValueAlign.Tests.Methods.LongMab;

public class ContextChunkerTests
{
    private static IReadOnlyList<ContextSentence> Sentences(int n) =>
        [.. Enumerable.Range(0, n).Select(i => new ContextSentence(0, i, $"S{i}.", i == 0, i == 3))];

    private static IEnumerable<(int, int)> Ranges(IReadOnlyList<ContextChunk> chunks) => chunks.Select(c => (c.FirstSentence, c.EndSentence));

    [Fact]
    public void Sentences_fill_the_budget_and_the_next_chunk_overlaps()
    {
        // Budget 10 with 3-token sentences: 3 sentences (9) per chunk; overlap 2 → starts 0, 1, 2.
        var chunks = ContextChunker.Chunk(Sentences(5), [3, 3, 3, 3, 3], tokenBudget: 10, overlapSentences: 2);
        Assert.Equal([(0, 3), (1, 4), (2, 5)], Ranges(chunks));
        Assert.Equal([9, 9, 9], chunks.Select(c => c.Tokens));
        Assert.Equal([false, true, true], chunks.Select(c => c.Supporting));
        Assert.Equal("S0. S1. S2.", chunks[0].Text);

        // Budget 7: 2 sentences per chunk; overlap 1 → starts 0, 1, 2, 3.
        Assert.Equal([(0, 2), (1, 3), (2, 4), (3, 5)], Ranges(ContextChunker.Chunk(Sentences(5), [3, 3, 3, 3, 3], 7, 1)));
        // No overlap: disjoint chunks.
        Assert.Equal([(0, 2), (2, 4), (4, 5)], Ranges(ContextChunker.Chunk(Sentences(5), [3, 3, 3, 3, 3], 7, 0)));
    }

    [Fact]
    public void An_over_long_sentence_is_its_own_chunk_and_chunking_always_progresses()
    {
        Assert.Equal([(0, 1), (1, 2)], Ranges(ContextChunker.Chunk(Sentences(2), [20, 3], 10, 2)));
        // Overlap as large as a chunk still moves on by one sentence.
        Assert.Equal([(0, 2), (1, 3)], Ranges(ContextChunker.Chunk(Sentences(3), [1, 1, 1], 2, 5)));
    }

    [Fact]
    public void Titles_open_passages_and_supporting_sentences_mark_their_chunks()
    {
        var qa = new LongContextQa("Q?",
        [
            new LongContextPassage("Alpha", ["One.", " Two."], true, [1]),
            new LongContextPassage("Beta", ["Three."]),
            new LongContextPassage(null, ["Four."], true),
        ], ["x"], true);
        var sentences = ContextSentence.Of(qa);
        Assert.Equal(["Alpha\nOne.", "Two.", "Beta\nThree.", "Four."], sentences.Select(s => s.Text));
        Assert.Equal([false, true, false, true], sentences.Select(s => s.Supporting));
        var chunks = ContextChunker.Chunk(sentences, [1, 1, 1, 1], 3, 1);
        Assert.Equal("Alpha\nOne. Two.\n\nBeta\nThree.", chunks[0].Text);
        Assert.Equal([0, 1], chunks[0].Passages);
    }
}
