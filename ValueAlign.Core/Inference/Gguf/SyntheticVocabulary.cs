namespace ValueAlign.Core.Inference.Gguf;

/// <summary>
/// A SentencePiece-style ("llama" tokenizer) vocabulary that can encode any text: control tokens,
/// the 256 byte-fallback tokens <c>&lt;0x00&gt;</c>…<c>&lt;0xFF&gt;</c>, every printable ASCII
/// character, then word pieces. Each word is added with all its prefixes ("▁t", "▁th", "▁the")
/// because SentencePiece builds a token only by merging two tokens that already exist.
/// </summary>
public sealed class SyntheticVocabulary
{
    public const int Unknown = 0;
    public const int BeginOfSequence = 1;
    public const int EndOfSequence = 2;
    public const int ImStart = 3;
    public const int ImEnd = 4;

    private const string SpaceMarker = "\u2581"; // "▁", SentencePiece's visible space

    // llama.cpp token types
    private const int Normal = 1;
    private const int UnknownType = 2;
    private const int Control = 3;
    private const int ByteType = 6;

    private static readonly string[] Words =
    [
        "the", "and", "to", "of", "a", "in", "is", "was", "he", "she", "it", "that", "for", "on", "with", "as",
        "you", "they", "be", "at", "one", "have", "this", "from", "by", "not", "but", "what", "all", "were",
        "we", "when", "there", "can", "an", "your", "which", "their", "said", "if", "do", "will", "each",
        "about", "how", "up", "out", "them", "then", "many", "some", "so", "these", "would", "other", "into",
        "has", "more", "her", "two", "like", "him", "see", "time", "could", "no", "make", "than", "first",
        "been", "its", "who", "now", "people", "my", "made", "over", "did", "down", "only", "way", "find",
        "use", "may", "water", "long", "little", "very", "after", "called", "just", "where", "most", "know",
        "good", "value", "values", "align", "model", "fair", "harm", "help", "honest", "care", "yes", "true",
        "false", "answer", "question", "user", "assistant", "system", "once", "upon", "there", "girl", "boy",
    ];

    /// <summary>Specials (5) + bytes (256) + "▁" + printable ASCII (94).</summary>
    public const int MinimumSize = 5 + 256 + 1 + 94;

    private SyntheticVocabulary(string[] tokens, float[] scores, int[] types)
    {
        Tokens = tokens;
        Scores = scores;
        TokenTypes = types;
    }

    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Merge priorities: SentencePiece merges the pair whose result scores highest.</summary>
    public IReadOnlyList<float> Scores { get; }

    public IReadOnlyList<int> TokenTypes { get; }

    public static SyntheticVocabulary Create(int size)
    {
        if (size < MinimumSize)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A synthetic vocabulary needs at least {MinimumSize} tokens.");
        }
        var tokens = new List<string>(size);
        var types = new List<int>(size);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Add(string token, int type)
        {
            if (tokens.Count < size && seen.Add(token))
            {
                tokens.Add(token);
                types.Add(type);
            }
        }

        Add("<unk>", UnknownType);
        Add("<s>", Control);
        Add("</s>", Control);
        Add("<|im_start|>", Control);
        Add("<|im_end|>", Control);
        for (var b = 0; b < 256; b++)
        {
            Add($"<0x{b:X2}>", ByteType);
        }
        Add(SpaceMarker, Normal);
        for (var c = 0x21; c < 0x7f; c++)
        {
            Add(((char)c).ToString(), Normal);
        }
        foreach (var piece in WordPieces())
        {
            Add(piece, Normal);
        }

        if (tokens.Count < size)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A synthetic vocabulary has at most {tokens.Count} distinct tokens.");
        }
        var scores = new float[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            // Specials and bytes never merge; later pieces merge with lower priority.
            scores[i] = types[i] == Normal ? -i : 0f;
        }
        return new SyntheticVocabulary(tokens.ToArray(), scores, types.ToArray());
    }

    /// <summary>Word prefixes, then two- and three-letter pieces to fill larger vocabularies.</summary>
    private static IEnumerable<string> WordPieces()
    {
        foreach (var word in Words)
        {
            var spaced = SpaceMarker + word;
            for (var length = 2; length <= spaced.Length; length++)
            {
                yield return spaced[..length];
            }
        }
        const string letters = "etaoinshrdlcumwfgypbvkjxqz";
        foreach (var a in letters)
        {
            foreach (var b in letters)
            {
                yield return $"{SpaceMarker}{a}{b}";
                yield return $"{a}{b}";
            }
        }
        foreach (var a in letters)
        {
            foreach (var b in letters)
            {
                foreach (var c in letters)
                {
                    yield return $"{a}{b}{c}";
                    yield return $"{SpaceMarker}{a}{b}{c}";
                }
            }
        }
    }
}
