namespace ValueAlign.Core.Annotation.Adjudication;

/// <summary>When the labels of one question about one item need a curator's decision.</summary>
public enum DisagreementRuleKind
{
    /// <summary>Any two labels differ.</summary>
    AnyDisagreement,

    /// <summary>The most frequent label has less than <see cref="DisagreementRule.MajorityShare"/> of the labels, or the top labels tie.</summary>
    MajorityBelow,

    /// <summary>Fewer than <see cref="DisagreementRule.MinimumAgreeing"/> labels agree on the most frequent label, or the top labels tie.</summary>
    MinimumLabels,
}
