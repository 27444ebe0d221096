using ValueAlign.Core.Methods.LegalDelta;

namespace ValueAlign.Tests.Methods.LegalDelta;

public class LegalTaskScoreTests
{
    private static double Score(string gold, string predicted)
    {
        LegalAnswer.TryParse(predicted, out var p);
        return LegalTaskScore.Of(LegalAnswer.ParseGold(gold), p);
    }

    [Fact]
    public void Prison_term_formula_values()
    {
        // Exact: |ln 37 − ln 37| = 0 → 5.
        Assert.Equal(5, PrisonTermScore.Of(36, 36), 12);
        // g = 11, p = 23: |ln 12 − ln 24| = ln 2; 5 · (ln 36 − ln 2)/ln 36 = 5 · ln 18/ln 36
        // = 5 · 2.890372/3.583519 = 4.032868.
        Assert.Equal(4.032868, PrisonTermScore.Of(11, 23), 6);
        // g = 8, p = 5: |ln 9 − ln 6| = ln 1.5 = 0.405465; 5 · 3.178054/3.583519 = 4.434264.
        Assert.Equal(4.434264, PrisonTermScore.Of(8, 5), 6);
        // g = 0, p = 35: distance ln 36 → exactly 0. p = 71: ln 72 > ln 36 → floored at 0.
        Assert.Equal(0, PrisonTermScore.Of(0, 35), 12);
        Assert.Equal(0, PrisonTermScore.Of(0, 71), 12);
    }

    [Fact]
    public void Prison_terms_are_read_in_months_years_and_life()
    {
        Assert.Equal(5, Score("[刑期]36月<eoa>", "[刑期]3年<eoa>"), 12);
        // 1年6个月 = 18 months vs gold 8: |ln 9 − ln 19| = 0.747214; 5 · 2.836305/3.583519 = 3.957429.
        Assert.Equal(3.957429, Score("[刑期]8月<eoa>", "[刑期]1年6个月<eoa>"), 6);
        Assert.Equal(5, Score("[刑期]无期<eoa>", "[刑期]无期徒刑<eoa>"), 12);
        Assert.Equal(0, Score("[刑期]无期<eoa>", "[刑期]240月<eoa>"), 12);
        Assert.Equal(0, Score("[刑期]8月<eoa>", "[刑期]不清楚<eoa>"), 12);
    }

    [Fact]
    public void Charges_score_five_times_set_f1()
    {
        // G = {抢劫, 盗窃}, P = {盗窃(罪), 诈骗, 故意伤害}: overlap 1, F1 = 2·1/(2 + 3) = 0.4 → 2.
        Assert.Equal(2, Score("[罪名]抢劫;盗窃<eoa>", "[罪名]盗窃罪；诈骗；故意伤害<eoa>"), 12);
        // "、" belongs to the charge name, not a separator.
        Assert.Equal(5, Score("[罪名]生产、销售假药<eoa>", "[罪名]生产、销售假药罪<eoa>"), 12);
    }

    [Fact]
    public void Law_articles_score_five_times_set_f1()
    {
        // G = {276}, P = {276, 264}: F1 = 2/(1 + 2) = 2/3 → 10/3.
        Assert.Equal(10.0 / 3, Score("[法条]刑法第276条<eoa>", "[法条]刑法第276条;刑法第264条<eoa>"), 12);
    }

    [Fact]
    public void Amounts_and_choices_are_exact_matches()
    {
        Assert.Equal(5, Score("[金额]3080.0元<eoa>", "[金额]3080元<eoa>"));
        Assert.Equal(0, Score("[金额]3080.0元<eoa>", "[金额]3081元<eoa>"));
        Assert.Equal(5, Score("[正确答案]B<eoa>", "[正确答案]b<eoa>"));
        Assert.Equal(5, Score("[正确答案]BD<eoa>", "[正确答案]D,B<eoa>"));
        Assert.Equal(0, Score("[正确答案]B<eoa>", "[正确答案]BD<eoa>"));
    }

    [Fact]
    public void A_different_tag_or_no_answer_scores_zero()
    {
        Assert.Equal(0, Score("[金额]3080.0元<eoa>", "[刑期]3080月<eoa>"));
        Assert.Equal(0, LegalTaskScore.Of(LegalAnswer.ParseGold("[正确答案]B<eoa>"), null));
    }

    [Fact]
    public void Malformed_gold_is_an_error()
    {
        var e = Assert.Throws<FormatException>(() => LegalAnswer.ParseGold("36月"));
        Assert.Contains("36月", e.Message);
    }
}
