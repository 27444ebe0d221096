namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>
/// LegalΔ score for charges and law articles: 5 × set-F1 between gold and predicted sets.
/// <code>F1 = 2|G ∩ P| / (|G| + |P|)</code>
/// Items are separated by ";" or "；" (not "、", which occurs inside charge names such as
/// 生产、销售假药) and trimmed; duplicates count once. Charges are compared without a trailing
/// "罪", since the task asks for names without it ("盗窃", not "盗窃罪") and a model that adds it
/// names the same charge — a documented reading. An empty prediction scores 0.
/// </summary>
public static class SetF1Score
{
    public const double MaxScore = 5;

    public static double Of(string gold, string predicted, bool stripChargeSuffix)
    {
        var g = Items(gold, stripChargeSuffix);
        if (g.Count == 0) throw new FormatException($"Empty gold answer set \"{gold}\".");
        var p = Items(predicted, stripChargeSuffix);
        if (p.Count == 0) return 0;
        var overlap = g.Intersect(p).Count();
        return MaxScore * 2.0 * overlap / (g.Count + p.Count);
    }

    private static HashSet<string> Items(string text, bool stripChargeSuffix) =>
        text.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => stripChargeSuffix && s.Length > 1 && s.EndsWith('罪') ? s[..^1] : s)
            .ToHashSet(StringComparer.Ordinal);
}
