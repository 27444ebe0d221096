using ValueAlign.Core.Annotation.Agreement;

namespace ValueAlign.Tests.Annotation.Agreement;

public class JudgeAgreementTests
{
    [Fact]
    public void Compares_the_judge_with_verified_labels_on_shared_items()
    {
        (string, string)[] judge = [("i1", "yes"), ("i2", "yes"), ("i3", "no"), ("i4", "no"), ("i5", "yes")];
        (string, string)[] verified = [("i1", "yes"), ("i2", "no"), ("i3", "no"), ("i4", "no"), ("i6", "no")];

        var result = JudgeAgreement.Compare(judge, verified);

        // Shared i1–i4: judge yes,yes,no,no vs truth yes,no,no,no.
        // p_o = 3/4; p_e = (2/4)(1/4) + (2/4)(3/4) = 1/2; κ = 1/2.
        Assert.Equal(4, result.Kappa.N);
        Assert.Equal(0.5, result.Kappa.Kappa, 12);
        Assert.Equal(1, result.JudgeOnlyItems);
        Assert.Equal(1, result.ReferenceOnlyItems);
        Assert.Equal(1, result.Kappa.Matrix.Count("yes", "no")); // judge yes, truth no
        Assert.Equal(0, result.Kappa.Matrix.Count("no", "yes"));
    }

    [Fact]
    public void An_item_twice_on_one_side_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => JudgeAgreement.Compare([("i1", "a"), ("i1", "b")], [("i1", "a")]));
        Assert.Contains("'i1'", error.Message);
        Assert.Contains("judge", error.Message);
    }
}
