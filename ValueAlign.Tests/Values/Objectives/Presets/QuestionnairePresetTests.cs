using ValueAlign.Core.Methods.Questionnaires;
using ValueAlign.Core.Values;
using ValueAlign.Core.Values.Objectives.Presets;

namespace ValueAlign.Tests.Values.Objectives.Presets;

public sealed class QuestionnairePresetTests
{
    private static readonly ValueSystem Schwartz = ValueSystemFiles.Shipped.Get("schwartz-10");
    private static readonly ResponseScale Pvq = new(1, 6);

    [Fact]
    public void Pvq_answers_are_centred_on_the_mean_rating_then_mapped_by_half_the_scale_range()
    {
        // Keyed: power 6, 6; benevolence 1, 2; universalism 4; security reverse-keyed 2 → 1 + 6 − 2 = 5.
        // MRAT = (6 + 6 + 1 + 2 + 4 + 5) / 6 = 4; h = (6 − 1) / 2 = 2.5.
        // power: c = 6 − 4 = 2 → 3 + 2·2/2.5 = 4.6 → 5; benevolence: c = 1.5 − 4 = −2.5 → 1;
        // universalism: c = 0 → 3; security: c = 1 → 3.8 → 4; the rest have no answers → 3.
        const string answers = """
            item,dimension,response,reverse
            # PVQ-style answers, 1..6
            p1, power, 6
            p2, Power, 6
            b1, benevolence, 1
            b2; benevolence; 2
            u1	universalism	4
            s1, security, 2, r
            """;

        var preset = QuestionnairePreset.FromAnswers(Schwartz, Pvq, answers);

        Assert.Equal([3, 3, 3, 3, 5, 4, 3, 3, 1, 3], preset.Priorities);
        Assert.Equal("Centred on the mean of all 6 answers (4).", preset.Notes[0]);
        Assert.Equal("No data for Self-Direction, Stimulation, Hedonism, Achievement, Conformity, Tradition: set to 3.", preset.Notes[1]);
    }

    [Fact]
    public void Dimension_scores_map_linearly_from_the_scale_onto_1_to_5()
    {
        // 1 + 4·(s − 1)/5: 6 → 5; 1 → 1; 3.5 → 3; 2.25 → 2; 4.75 → 4 (alias "self direction").
        const string scores = "Power: 6\nbenevolence: 1\nuniversalism, 3.5\nachievement: 2.25\nself direction: 4.75";

        var preset = QuestionnairePreset.FromDimensionScores(Schwartz, Pvq, scores);

        Assert.Equal([4, 3, 3, 2, 5, 3, 3, 3, 1, 3], preset.Priorities);
    }

    [Fact]
    public void Bad_lines_are_all_reported_with_their_line_numbers()
    {
        const string answers = "p1, power, 7\np2, wealth, 3\np3, power, lots\np4, power\np5, power, 3, maybe\np5, hedonism, 2";
        var error = Assert.Throws<PresetInputException>(() => QuestionnairePreset.FromAnswers(Schwartz, Pvq, answers));

        Assert.Equal(
        [
            "Line 1: response 7 is off the scale 1..6.",
            "Line 2: 'wealth' is not a dimension of schwartz-10.",
            "Line 3: response 'lots' is not a number.",
            "Line 4: expected 'item, dimension, response[, r]', got 2 column(s).",
            "Line 5: 'maybe' does not say whether the item is reverse-keyed (use r or leave empty).",
        ], error.Problems);

        var scores = Assert.Throws<PresetInputException>(() => QuestionnairePreset.FromDimensionScores(Schwartz, Pvq, "power: 4\nPower: 5\n"));
        Assert.Equal(["Line 2: Power has a score already."], scores.Problems);
        Assert.Equal(["No answers: give one line per item as 'item, dimension, response'."],
            Assert.Throws<PresetInputException>(() => QuestionnairePreset.FromAnswers(Schwartz, Pvq, "# nothing\n")).Problems);
    }
}
