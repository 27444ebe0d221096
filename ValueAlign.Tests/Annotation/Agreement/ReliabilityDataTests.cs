using ValueAlign.Core.Annotation.Agreement;

namespace ValueAlign.Tests.Annotation.Agreement;

public class ReliabilityDataTests
{
    [Fact]
    public void Numeric_labels_are_ordered_by_value_with_their_values()
    {
        var data = ReliabilityData.FromLabels([("i", "a", "10"), ("i", "b", "2"), ("j", "a", "-1.5"), ("j", "b", "")]);

        Assert.True(data.Labels.IsNumeric);
        Assert.Equal(["-1.5", "2", "10"], data.Categories);
        Assert.Equal([-1.5, 2, 10], data.Labels.Values!);
        Assert.Equal(3, data.ValueCount); // the empty label is missing data
        Assert.Equal(1, data.LabelCount(1));
    }

    [Fact]
    public void Text_labels_are_nominal_unless_an_order_is_given()
    {
        var nominal = ReliabilityData.FromLabels([("i", "a", "yes"), ("i", "b", "no")]);
        Assert.False(nominal.Labels.IsOrdered);
        Assert.Equal(["no", "yes"], nominal.Categories);

        var ordered = ReliabilityData.FromLabels([("i", "a", "agree"), ("i", "b", "disagree")], ["disagree", "neutral", "agree"]);
        Assert.Equal(["disagree", "neutral", "agree"], ordered.Categories);
        Assert.Equal([1.0, 2, 3], ordered.Labels.Values!);
    }

    [Fact]
    public void A_label_outside_the_given_order_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => ReliabilityData.FromLabels([("i", "a", "maybe")], ["yes", "no"]));
        Assert.Contains("'maybe'", error.Message);
    }

    [Fact]
    public void An_annotator_labelling_an_item_twice_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => ReliabilityData.FromLabels([("i1", "ann", "a"), ("i2", "ann", "a"), ("i1", "ann", "b")]));
        Assert.Contains("Annotator 'ann' labels item 'i1' more than once", error.Message);
    }

    [Fact]
    public void Labels_are_grouped_by_item_in_first_seen_order()
    {
        var data = ReliabilityData.FromLabels([("i2", "x", "a"), ("i1", "y", "b"), ("i2", "y", "b")]);

        Assert.Equal(["i2", "i1"], data.Items);
        Assert.Equal(["x", "y"], data.Annotators);
        Assert.Equal([0, 1], data.AnnotatorsOf(0).ToArray());
        Assert.Equal([0, 1], data.CategoriesOf(0).ToArray());
        Assert.Equal([1], data.CategoriesOf(1).ToArray());
    }
}
