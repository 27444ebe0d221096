namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>LegalΔ task kinds, named by the tag that opens an answer (<c>[罪名]…&lt;eoa&gt;</c>).</summary>
public enum LegalTaskType
{
    /// <summary><c>[罪名]</c>: charges, ";"-separated.</summary>
    Charge,
    /// <summary><c>[法条]</c>: law articles, ";"-separated.</summary>
    LawArticle,
    /// <summary><c>[刑期]</c>: prison term in months, or 无期 (life) / 死刑 (death).</summary>
    PrisonTerm,
    /// <summary><c>[金额]</c>: amount in yuan.</summary>
    Amount,
    /// <summary><c>[正确答案]</c>: multiple-choice letter(s).</summary>
    MultipleChoice,
}

public static class LegalTaskTags
{
    public static string TagOf(LegalTaskType type) => type switch
    {
        LegalTaskType.Charge => "罪名",
        LegalTaskType.LawArticle => "法条",
        LegalTaskType.PrisonTerm => "刑期",
        LegalTaskType.Amount => "金额",
        LegalTaskType.MultipleChoice => "正确答案",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParse(string tag, out LegalTaskType type)
    {
        foreach (var t in Enum.GetValues<LegalTaskType>())
        {
            if (TagOf(t) == tag.Trim()) { type = t; return true; }
        }
        type = default;
        return false;
    }
}
