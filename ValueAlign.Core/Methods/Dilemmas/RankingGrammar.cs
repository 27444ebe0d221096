using System.Text;

namespace ValueAlign.Core.Methods.Dilemmas;

/// <summary>
/// GBNF grammar for a dilemma verdict, <c>{"ranking": "CAEBD", "A": 7, "B": 3, ...}</c>: the
/// ranking is one of the n! permutations of the outcome letters (spelled out as alternatives, 120
/// for five outcomes), so a grammar-following model cannot repeat or skip an outcome; then one
/// score digit per letter.
/// </summary>
public static class RankingGrammar
{
    public const string RankingField = "ranking";

    public static string For(IReadOnlyList<string> letters, int scoreMin, int scoreMax)
    {
        if (letters.Count is < 2 or > 6) throw new ArgumentException("A ranking grammar covers 2 to 6 outcomes.", nameof(letters));
        var root = new StringBuilder($"root ::= \"{{\\\"{RankingField}\\\": \\\"\" perm \"\\\"\"");
        foreach (var letter in letters)
        {
            root.Append($" \", \\\"{letter}\\\": \" score");
        }
        root.Append(" \"}\"");
        var permutations = Permutations(letters.ToList()).Select(p => "\"" + string.Concat(p) + "\"");
        return root + "\n"
            + "perm ::= " + string.Join(" | ", permutations) + "\n"
            + $"score ::= [{scoreMin}-{scoreMax}]\n";
    }

    /// <summary>True when <paramref name="ranking"/> names every letter exactly once.</summary>
    public static bool IsPermutation(string ranking, IReadOnlyList<string> letters) =>
        ranking.Length == letters.Count && letters.All(l => ranking.Count(c => c.ToString() == l) == 1);

    private static IEnumerable<IReadOnlyList<string>> Permutations(List<string> items)
    {
        if (items.Count == 1)
        {
            yield return items;
            yield break;
        }
        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
