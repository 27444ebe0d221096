namespace ValueAlign.Core.Methods.Couple;

/// <summary>A short phrase of the response that expresses one dimension (the observed value concept).</summary>
public sealed record ValueConcept(string DimensionId, string Phrase);

/// <summary>
/// The non-value part of a response, kept for the rewrite. Representation: the response text with
/// every concept phrase found in it (first occurrence, case-insensitive) marked in place as
/// <c>[[dimension-id: phrase]]</c>; everything outside the marks is the exogenous content (facts,
/// style, structure) the rewrite must keep. Concepts the judge named but that do not occur verbatim
/// are listed in <see cref="UnlocatedConcepts"/>: they cannot be separated from the text.
/// </summary>
public sealed record ExogenousContent(string MarkedResponse, IReadOnlyList<ValueConcept> LocatedConcepts, IReadOnlyList<ValueConcept> UnlocatedConcepts)
{
    /// <summary>The response with its value phrases removed: the exogenous text alone, whitespace collapsed.</summary>
    public string ExogenousText { get; init; } = "";

    public static ExogenousContent Mark(string response, IReadOnlyList<ValueConcept> concepts)
    {
        var spans = new List<(int Start, int Length, ValueConcept Concept)>();
        var unlocated = new List<ValueConcept>();
        // Longer phrases first so a phrase inside another does not claim its span.
        foreach (var concept in concepts.Where(c => c.Phrase.Trim().Length > 0).OrderByDescending(c => c.Phrase.Length))
        {
            var phrase = concept.Phrase.Trim();
            var at = FindFree(response, phrase, spans);
            if (at < 0)
            {
                unlocated.Add(concept);
            }
            else
            {
                spans.Add((at, phrase.Length, concept));
            }
        }
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var marked = new System.Text.StringBuilder();
        var exogenous = new System.Text.StringBuilder();
        var cursor = 0;
        foreach (var (start, length, concept) in spans)
        {
            marked.Append(response, cursor, start - cursor).Append("[[").Append(concept.DimensionId).Append(": ").Append(response, start, length).Append("]]");
            exogenous.Append(response, cursor, start - cursor).Append(' ');
            cursor = start + length;
        }
        marked.Append(response, cursor, response.Length - cursor);
        exogenous.Append(response, cursor, response.Length - cursor);
        var located = spans.Select(s => s.Concept).ToArray();
        var collapsed = string.Join(' ', exogenous.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return new ExogenousContent(marked.ToString(), located, unlocated) { ExogenousText = collapsed };
    }

    private static int FindFree(string text, string phrase, List<(int Start, int Length, ValueConcept Concept)> taken)
    {
        var from = 0;
        while (from <= text.Length - phrase.Length)
        {
            var at = text.IndexOf(phrase, from, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return -1;
            }
            if (!taken.Any(t => at < t.Start + t.Length && t.Start < at + phrase.Length))
            {
                return at;
            }
            from = at + 1;
        }
        return -1;
    }
}
