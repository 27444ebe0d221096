using ValueAlign.Core.Methods.Irote;
using ValueAlign.Core.Methods.Optimisation;

namespace ValueAlign.Tests.Methods.Irote;

public sealed class IroteScoringTests
{
    [Fact]
    public void Evocativeness_weights_log_q_by_the_normalised_likelihood_and_averages_over_prompts()
    {
        // Prompt 1: LL (0, ln 3) → weights 1/4, 3/4; log q (−1, −2) → −0.25 − 1.5 = −1.75
        // Prompt 2: one sample → weight 1; log q −0.5
        // R = (−1.75 − 0.5) / 2 = −1.125
        var r = Evocativeness.Of([[(0, -1), (Math.Log(3), -2)], [(-40, -0.5)]]);
        Assert.Equal(-1.125, r, 12);
        Assert.Equal(new[] { 0.25, 0.75 }, Evocativeness.Weights([-1000, -1000 + Math.Log(3)]).Select(w => Math.Round(w, 12)));
    }

    [Theory]
    [InlineData("I would say 5.", false, 5.0 / 6)]
    [InlineData("I would say 5.", true, 2.0 / 6)]   // reverse-keyed: 6 + 1 − 5 = 2
    [InlineData("9, no, 4", false, 4.0 / 6)]        // 9 is off the 1..6 scale
    [InlineData("no idea", false, 1.0 / 6)]          // unanswered counts as the lowest keyed answer
    [InlineData("no idea", true, 1.0 / 6)]
    public void Questionnaire_rule_maps_the_keyed_answer_onto_the_scale(string response, bool reverse, double expected)
    {
        var key = new QuestionnaireKey("kind", 1, 6, reverse);
        Assert.Equal(expected, QuestionnaireTraitScorer.Probability(key, response), 12);
    }

    [Fact]
    public async Task Questionnaire_rule_refuses_prompts_that_are_not_items_of_the_trait()
    {
        var scorer = new QuestionnaireTraitScorer(IroteScript.Trait);
        await Assert.ThrowsAsync<OptimisationException>(() => scorer.LogProbabilityAsync(new TaskPrompt("p", "Hi"), "3", CancellationToken.None));
        var other = new TaskPrompt("q", "item") { Questionnaire = new QuestionnaireKey("power", 1, 6, false) };
        var error = await Assert.ThrowsAsync<OptimisationException>(() => scorer.LogProbabilityAsync(other, "3", CancellationToken.None));
        Assert.Contains("measures 'power'", error.Message, StringComparison.Ordinal);
        var own = new TaskPrompt("k", "item") { Questionnaire = new QuestionnaireKey("kind", 1, 6, false) };
        Assert.Equal(Math.Log(3.0 / 6), await scorer.LogProbabilityAsync(own, "3", CancellationToken.None), 12);
    }
}
