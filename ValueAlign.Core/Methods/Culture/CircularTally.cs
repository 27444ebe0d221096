using ValueAlign.Core.Benchmarks.Model;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.Culture;

/// <summary>
/// CircularEval over a run's stored results. Every item with a gold answer counts: an item is
/// credited only when every one of its n rotations has a result without error whose choice is the
/// answer (<see cref="CircularEval.ItemCorrect"/>); a rotation that failed (its unit stored an
/// error) or never ran makes the item wrong, since CircularEval never credits an item it did not
/// see answered under every rotation. Leaving such items out would instead raise the accuracy.
/// </summary>
public sealed record CircularTally(int Items, int CorrectItems, int Rotations, int FailedRotations, int ItemsWithFailedRotation)
{
    public double Accuracy => Items == 0 ? double.NaN : (double)CorrectItems / Items;

    public static CircularTally Of(IReadOnlyList<EvalItemResult> results, IReadOnlyDictionary<long, BenchmarkItem> items)
    {
        var byItem = results.ToLookup(r => r.ItemId);
        int counted = 0, correct = 0, rotations = 0, failed = 0, itemsWithFailure = 0;
        foreach (var item in items.Values.OrderBy(i => i.Id))
        {
            var question = CultureQuestion.Of(item);
            if (question.AnswerIndex is not { } answer)
                continue;
            var n = question.Options.Count;
            var shown = new int?[n];
            var itemFailed = 0;
            for (var k = 0; k < n; k++)
            {
                var result = byItem[item.Id].FirstOrDefault(r => CultureMcqMethod.RotationOf(r.UnitKey) == k);
                if (result is null || result.Error is not null)
                {
                    itemFailed++;
                    continue;
                }
                var scores = EvalScores.Parse(result.ScoresJson);
                shown[k] = scores.TryGetValue("choice", out var choice) ? OptionRotation.ShownIndex((int)choice, k, n) : null;
            }
            counted++;
            rotations += n;
            failed += itemFailed;
            if (itemFailed > 0)
                itemsWithFailure++;
            else if (CircularEval.ItemCorrect(answer, n, shown))
                correct++;
        }
        return new CircularTally(counted, correct, rotations, failed, itemsWithFailure);
    }
}
