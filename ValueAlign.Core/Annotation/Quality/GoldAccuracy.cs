using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Core.Annotation.Quality;

/// <summary>
/// How often annotators give a gold item's expected answers. A question is scored on a gold item
/// when the gold gives it a value and it is not free text (free text has no one right wording);
/// an answer is correct when its set of values equals the gold's (order does not matter, so a
/// multiple-choice answer must pick exactly the gold options). A missing answer counts as wrong.
/// Flags and comments are not scored.
/// </summary>
public static class GoldAccuracy
{
    public static GoldAccuracyReport Compute(LabelSchema schema, IEnumerable<GoldAnswer> answers)
    {
        var scored = schema.Questions.Where(q => q.Kind != QuestionKind.FreeText).Select(q => q.Key).ToList();
        var perAnnotator = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var overall = new Dictionary<string, GoldScore>();
        foreach (var answer in answers)
        {
            var keys = scored.Where(k => Values(answer.Expected, k).Count > 0).ToList();
            if (keys.Count == 0)
            {
                continue;
            }
            if (!perAnnotator.TryGetValue(answer.AnnotatorId, out var tally))
            {
                perAnnotator[answer.AnnotatorId] = tally = new Tally();
            }
            var allCorrect = true;
            foreach (var key in keys)
            {
                var correct = Values(answer.Given, key).SetEquals(Values(answer.Expected, key));
                allCorrect &= correct;
                tally.Answers = tally.Answers.Add(correct);
                tally.Questions[key] = tally.Questions.GetValueOrDefault(key, GoldScore.None).Add(correct);
                overall[key] = overall.GetValueOrDefault(key, GoldScore.None).Add(correct);
            }
            tally.Items = tally.Items.Add(allCorrect);
        }
        return new GoldAccuracyReport(
            perAnnotator.Select(p => new AnnotatorGoldAccuracy(p.Key, p.Value.Items, p.Value.Answers, p.Value.Questions)).ToList(),
            overall);
    }

    private static HashSet<string> Values(AnnotationAnswers answers, string key) =>
        answers.Answers.TryGetValue(key, out var values)
            ? values.Where(v => !string.IsNullOrWhiteSpace(v)).ToHashSet(StringComparer.Ordinal)
            : [];

    private sealed class Tally
    {
        public GoldScore Items { get; set; } = GoldScore.None;
        public GoldScore Answers { get; set; } = GoldScore.None;
        public Dictionary<string, GoldScore> Questions { get; } = [];
    }
}
