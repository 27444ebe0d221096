using ValueAlign.Core.Benchmarks.LongContext;

namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// A sentence of a long context in reading order, the unit chunks are made of. The first sentence
/// of a titled passage carries the title on a line of its own, so a chunk never loses which
/// document it quotes.
/// </summary>
public sealed record ContextSentence(int Passage, int SentenceInPassage, string Text, bool StartsPassage, bool Supporting)
{
    public static IReadOnlyList<ContextSentence> Of(LongContextQa qa)
    {
        ArgumentNullException.ThrowIfNull(qa);
        var sentences = new List<ContextSentence>();
        for (var p = 0; p < qa.Passages.Count; p++)
        {
            var passage = qa.Passages[p];
            var first = true;
            for (var s = 0; s < passage.Sentences.Count; s++)
            {
                var text = passage.Sentences[s].Trim();
                if (text.Length == 0) continue;
                if (first && !string.IsNullOrEmpty(passage.Title)) text = passage.Title + "\n" + text;
                // Paragraph-level support (MuSiQue) marks every sentence of the passage.
                var supporting = passage.SupportingSentences.Count > 0 ? passage.IsSupportingSentence(s) : passage.IsSupporting;
                sentences.Add(new ContextSentence(p, s, text, first, supporting));
                first = false;
            }
        }
        return sentences;
    }
}
