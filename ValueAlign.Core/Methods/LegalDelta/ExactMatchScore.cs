using System.Globalization;

namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>
/// LegalΔ exact-match scores (0 or 5) for amounts and multiple choice.
/// <para>Natural readings (documented): amounts are compared as numbers after removing "元" and
/// thousands separators, so "3080.0元" matches "3080元"; multiple-choice answers are compared
/// as sets of option letters, ignoring case, order and separators ("A,C" matches "CA").
/// An unreadable prediction scores 0; an unreadable gold answer is an error.</para>
/// </summary>
public static class ExactMatchScore
{
    public const double MaxScore = 5;

    public static double Amount(string gold, string predicted)
    {
        var g = ReadAmount(gold) ?? throw new FormatException($"Unreadable gold amount \"{gold}\".");
        var p = ReadAmount(predicted);
        return p is not null && p.Value == g ? MaxScore : 0;
    }

    public static double MultipleChoice(string gold, string predicted)
    {
        var g = Letters(gold);
        if (g.Length == 0) throw new FormatException($"Gold multiple-choice answer \"{gold}\" has no option letter.");
        var p = Letters(predicted);
        return p == g ? MaxScore : 0;
    }

    private static decimal? ReadAmount(string text)
    {
        var t = text.Replace("元", "").Replace(",", "").Replace("，", "").Trim();
        return decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static string Letters(string text) =>
        new(text.ToUpperInvariant().Where(c => c is >= 'A' and <= 'Z').Distinct().Order().ToArray());
}
