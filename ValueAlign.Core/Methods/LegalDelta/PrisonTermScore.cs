using System.Text.RegularExpressions;

namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>
/// LegalΔ prison-term score (0..5) for gold g and predicted p months:
/// <code>score = max(0, 5 · (ln 36 − |ln(g + 1) − ln(p + 1)|) / ln 36)</code>
/// A log-ratio distance: being off by a factor of 2 costs the same at 6 months as at 60, and a
/// prediction off by a factor of 36 (in g + 1) or more scores 0.
/// <para>Not in the paper's formula (natural reading, documented): terms are read as "36月",
/// "3年", "3年6个月" (years × 12 + months); 无期 (life) and 死刑 (death) have no month count,
/// so when either side is one of them the score is 5 for the same sentence and 0 otherwise.
/// A prediction that cannot be read scores 0.</para>
/// </summary>
public static partial class PrisonTermScore
{
    public const double MaxScore = 5;
    private static readonly double Ln36 = Math.Log(36);
    private static readonly string[] NonNumericSentences = ["无期", "死刑"];

    public static double Of(double goldMonths, double predictedMonths)
    {
        if (!(goldMonths >= 0) || !(predictedMonths >= 0))
            throw new ArgumentOutOfRangeException(nameof(goldMonths), "Prison terms must be non-negative numbers of months.");
        var distance = Math.Abs(Math.Log(goldMonths + 1) - Math.Log(predictedMonths + 1));
        return Math.Max(0, MaxScore * (Ln36 - distance) / Ln36);
    }

    public static double Of(string gold, string predicted)
    {
        var g = Read(gold) ?? throw new FormatException($"Unreadable gold prison term \"{gold}\".");
        var p = Read(predicted);
        if (p is null) return 0;
        if (g.Sentence is not null || p.Value.Sentence is not null) return g.Sentence == p.Value.Sentence ? MaxScore : 0;
        return Of(g.Months, p.Value.Months);
    }

    private readonly record struct Term(double Months, string? Sentence);

    private static Term? Read(string text)
    {
        var t = text.Trim();
        foreach (var s in NonNumericSentences) if (t.Contains(s)) return new Term(0, s);
        var m = Months().Match(t);
        if (!m.Success || (!m.Groups["y"].Success && !m.Groups["m"].Success)) return null;
        var years = m.Groups["y"].Success ? double.Parse(m.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var months = m.Groups["m"].Success ? double.Parse(m.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new Term(years * 12 + months, null);
    }

    [GeneratedRegex(@"^(?:(?<y>\d+(?:\.\d+)?)\s*年)?\s*(?:(?<m>\d+(?:\.\d+)?)\s*(?:个)?\s*月?)?$")]
    private static partial Regex Months();
}
