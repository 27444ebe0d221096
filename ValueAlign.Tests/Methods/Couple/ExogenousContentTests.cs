using ValueAlign.Core.Methods.Couple;

namespace ValueAlign.Tests.Methods.Couple;

public sealed class ExogenousContentTests
{
    [Fact]
    public void Concept_phrases_are_marked_in_place_and_the_rest_is_exogenous()
    {
        var content = ExogenousContent.Mark("We should Protect nature and earn money by Friday.",
        [
            new ValueConcept("universalism", "protect nature"),
            new ValueConcept("power", "earn money"),
            new ValueConcept("hedonism", "have fun"),
        ]);
        Assert.Equal("We should [[universalism: Protect nature]] and [[power: earn money]] by Friday.", content.MarkedResponse);
        Assert.Equal("We should and by Friday.", content.ExogenousText);
        Assert.Equal(new[] { "universalism", "power" }, content.LocatedConcepts.Select(c => c.DimensionId));
        Assert.Equal("hedonism", Assert.Single(content.UnlocatedConcepts).DimensionId);
    }

    [Fact]
    public void A_phrase_inside_a_longer_one_takes_a_later_free_occurrence_or_stays_unlocated()
    {
        var content = ExogenousContent.Mark("help the poor", [new ValueConcept("benevolence", "help the poor"), new ValueConcept("universalism", "poor")]);
        Assert.Equal("[[benevolence: help the poor]]", content.MarkedResponse);
        Assert.Equal("universalism", Assert.Single(content.UnlocatedConcepts).DimensionId);
    }
}
