using ValueAlign.Core.Annotation.Adjudication;

namespace ValueAlign.Tests.Annotation.Adjudication;

public class DisagreementRuleTests
{
    private static readonly DisagreementRule Any = DisagreementRule.Default;
    private static readonly DisagreementRule Majority = new() { Kind = DisagreementRuleKind.MajorityBelow, MajorityShare = 0.75 };
    private static readonly DisagreementRule Minimum = new() { Kind = DisagreementRuleKind.MinimumLabels, MinimumAgreeing = 3 };

    [Fact]
    public void Any_disagreement_disputes_every_mixed_set_and_nothing_unanimous()
    {
        Assert.False(Any.Disputes(["yes", "yes", "yes"]));
        Assert.False(Any.Disputes(["yes"]));
        Assert.False(Any.Disputes([]));
        Assert.True(Any.Disputes(["yes", "yes", "no"]));
        Assert.True(Any.Disputes(["yes", "no"]));
    }

    [Fact]
    public void Majority_below_compares_the_top_share_with_the_threshold_and_disputes_ties()
    {
        // 3 of 4 = 0.75 reaches 0.75; 2 of 3 = 0.667 does not.
        Assert.False(Majority.Disputes(["yes", "yes", "yes", "no"]));
        Assert.True(Majority.Disputes(["yes", "yes", "no"]));
        Assert.False(Majority.Disputes(["no", "no"]));
        // A tie is always disputed, even below a lenient threshold.
        var lenient = Majority with { MajorityShare = 0.51 };
        Assert.True(lenient.Disputes(["yes", "yes", "no", "no"]));
        Assert.False(lenient.Disputes(["yes", "yes", "no"]));
    }

    [Fact]
    public void Minimum_labels_needs_that_many_agreeing_votes_on_the_top_label()
    {
        Assert.False(Minimum.Disputes(["a", "a", "a", "b", "c"]));
        Assert.True(Minimum.Disputes(["a", "a", "b", "c"]));
        Assert.True(Minimum.Disputes(["a", "a"]));
        Assert.True(Minimum.Disputes(["a", "a", "a", "b", "b", "b"]));
    }

    [Fact]
    public void Ready_at_defaults_to_the_overlap()
    {
        Assert.Equal(3, Any.ReadyAt(3));
        Assert.Equal(2, (Any with { ReadyAtLabels = 2 }).ReadyAt(3));
    }

    [Fact]
    public void Json_round_trips_and_empty_json_is_the_default_rule()
    {
        var rule = new DisagreementRule { Kind = DisagreementRuleKind.MajorityBelow, MajorityShare = 0.8, ReadyAtLabels = 4 };
        Assert.Contains("\"MajorityBelow\"", rule.ToJson());
        Assert.Equal(rule, DisagreementRule.FromJson(rule.ToJson()));
        Assert.Equal(DisagreementRule.Default, DisagreementRule.FromJson(""));
        Assert.Equal(DisagreementRuleKind.AnyDisagreement, DisagreementRule.FromJson(null).Kind);
    }

    [Fact]
    public void Invalid_rules_name_the_field_at_fault()
    {
        var errors = new DisagreementRule { Kind = DisagreementRuleKind.MajorityBelow, MajorityShare = 0.5, ReadyAtLabels = 0 }.Validate();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Majority share"));
        Assert.Contains(errors, e => e.StartsWith("Ready at labels"));
        Assert.Contains("Minimum agreeing", Assert.Single(new DisagreementRule { Kind = DisagreementRuleKind.MinimumLabels, MinimumAgreeing = 0 }.Validate()));
        var e = Assert.Throws<ArgumentException>(() => DisagreementRule.FromJson("{\"kind\":\"MajorityBelow\",\"majorityShare\":2}"));
        Assert.Contains("Majority share", e.Message);
        Assert.Throws<ArgumentException>(() => DisagreementRule.FromJson("{not json"));
    }
}
