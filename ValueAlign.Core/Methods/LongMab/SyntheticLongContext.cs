using ValueAlign.Core.Benchmarks.LongContext;
using ValueAlign.Core.Inference;

namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// A generated long-context question for speed measurements: titled "record" passages of
/// invented facts ("In 1874 the green mill of Arden was rebuilt by Ilse Varga.") until the context
/// holds the requested number of model tokens, and a question about one fact placed in the middle.
/// Deterministic for a seed. Written for the workbench; not data from any set.
/// </summary>
public static class SyntheticLongContext
{
    private static readonly string[] Adjectives = ["green", "old", "narrow", "white", "northern", "stone", "painted", "lower", "tall", "quiet"];
    private static readonly string[] Nouns = ["mill", "bridge", "chapel", "school", "harbour", "tower", "market", "library", "station", "granary"];
    private static readonly string[] Places = ["Arden", "Belmont", "Corran", "Dunmere", "Eskdale", "Fenwick", "Glenholm", "Harrow", "Inverly", "Jarrow"];
    private static readonly string[] Verbs = ["rebuilt", "founded", "restored", "extended", "repainted", "opened", "designed", "repaired"];
    private static readonly string[] Names = ["Ilse Varga", "Tomas Reed", "Mira Holt", "Anton Pike", "Sela Moor", "Oren Vale", "Lena Fisk", "Piet Rowe", "Dara Quist", "Nils Brand"];

    public static async Task<LongContextQa> BuildAsync(ILanguageModel model, int targetTokens, int seed, CancellationToken cancellationToken = default)
    {
        var random = new Random(seed);
        var sentences = new List<(string Text, int Tokens)>();
        var total = 0;
        while (total < targetTokens)
        {
            var text = $"In {random.Next(1700, 2000)} the {Pick(random, Adjectives)} {Pick(random, Nouns)} of {Pick(random, Places)} was {Pick(random, Verbs)} by {Pick(random, Names)}.";
            var tokens = (await model.TokenizeAsync(" " + text, addBos: false, cancellationToken).ConfigureAwait(false)).Count;
            sentences.Add((text, tokens));
            total += tokens;
        }
        var target = sentences.Count / 2;
        var answer = Names[random.Next(Names.Length)];
        var subject = $"the tallest lighthouse of {Places[random.Next(Places.Length)]}";
        sentences[target] = ($"In 1888 {subject} was built by {answer}.", sentences[target].Tokens);
        var passages = sentences.Chunk(8).Select((group, i) =>
            new LongContextPassage($"Record {i + 1}", [.. group.Select((s, j) => j == 0 ? s.Text : " " + s.Text)], group.Any(s => s.Text.Contains(subject)))).ToList();
        return new LongContextQa($"Who built {subject}?", passages, [answer], HasSupportingFacts: true);
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
