using ValueAlign.Core.Annotation.Agreement;

namespace ValueAlign.Tests.Annotation.Agreement;

public class MajorityLabelsTests
{
    private static ReliabilityData Data() => ReliabilityData.FromAnnotatorRows(
    [
        ["a", "a", "a", "x"],
        ["a", "b", "b", null],
        ["b", "b", "c", null],
    ]);

    [Fact]
    public void Plurality_label_per_item_with_ties_as_null()
    {
        var majority = MajorityLabels.PerItem(Data());

        Assert.Equal(new ItemMajority("1", "a", 2, 3), majority[0]);
        Assert.Equal(new ItemMajority("2", "b", 2, 3), majority[1]);
        Assert.Equal(new ItemMajority("3", null, 1, 3), majority[2]); // a, b, c tie
        Assert.Equal(new ItemMajority("4", "x", 1, 1), majority[3]);
    }

    [Fact]
    public void Annotators_are_compared_with_the_majority_of_the_others()
    {
        var agreement = MajorityLabels.PerAnnotator(Data());

        // Annotator 1: item 1 others a,b tie → skipped; item 2 others b,b → disagrees (a); item 3 others b,c tie.
        Assert.Equal(new AnnotatorMajorityAgreement("1", 1, 0), agreement[0]);
        // Annotator 2: item 1 others a,b tie; item 2 others a,b tie; item 3 others a,c tie.
        Assert.Equal(new AnnotatorMajorityAgreement("2", 0, 0), agreement[1]);
        Assert.True(double.IsNaN(agreement[1].Rate));
        // Annotator 3: item 1 others a,a but it said b; item 2 others a,b tie; item 3 others a,b tie.
        Assert.Equal(new AnnotatorMajorityAgreement("3", 1, 0), agreement[2]);
    }

    [Fact]
    public void Two_annotators_who_agree_match_each_other()
    {
        var agreement = MajorityLabels.PerAnnotator(ReliabilityData.FromAnnotatorRows([["a", "b", "a"], ["a", "b", "b"]]));

        Assert.All(agreement, a => Assert.Equal(3, a.ItemsCompared));
        Assert.All(agreement, a => Assert.Equal(2.0 / 3, a.Rate, 12));
    }
}
