namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// One chunk of a long context: its text, the sentence range it covers (indexes into the
/// context's sentences, end exclusive), its token count (sum of its sentences' counts), the
/// passages it touches and whether it holds a supporting sentence or part of a supporting passage.
/// </summary>
public sealed record ContextChunk(
    int Index,
    string Text,
    int FirstSentence,
    int EndSentence,
    int Tokens,
    IReadOnlyList<int> Passages,
    bool Supporting);
