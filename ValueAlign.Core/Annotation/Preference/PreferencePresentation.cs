using System.Security.Cryptography;
using System.Text;
using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Core.Annotation.Preference;

/// <summary>
/// The order in which one annotator sees the two answers of a preference item: <see cref="AsStored"/>
/// ("AB") or <see cref="Swapped"/> ("BA"), drawn per (project, annotator, item) from a hash, so it
/// is random across annotators and items yet the same every time the annotator reopens the item.
/// The order is recorded with each annotation (<see cref="AnnotationAnswers.Presentation"/>), and
/// answers are stored in the item's own order whatever was shown, so agreement needs no mapping.
/// </summary>
public static class PreferencePresentation
{
    public const string AsStored = "AB";
    public const string Swapped = "BA";

    public static string OrderFor(long projectId, string annotatorId, long itemId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"preference-order\n{projectId}\n{annotatorId}\n{itemId}"));
        return (hash[0] & 1) == 0 ? AsStored : Swapped;
    }

    /// <summary>Indexes of the stored answers in display order: [0, 1] or [1, 0].</summary>
    public static IReadOnlyList<int> DisplayIndexes(string order) => order == Swapped ? [1, 0] : [0, 1];

    /// <summary>
    /// The schema as this annotator sees it: the preference question's first two options become
    /// "Answer A/B is better" for the answers shown as A and B, keys 1 and 2, values unchanged
    /// (so the stored answer names the stored answer). Other questions and flags are untouched.
    /// </summary>
    public static LabelSchema ForDisplay(LabelSchema schema, string order)
    {
        if (!PreferenceSchema.Applies(schema)) return schema;
        var question = schema.Question(PreferenceSchema.BetterQuestion)!;
        var first = question.Options.Single(o => o.Value == PreferenceSchema.FirstBetter);
        var second = question.Options.Single(o => o.Value == PreferenceSchema.SecondBetter);
        var shownA = order == Swapped ? second : first;
        var shownB = order == Swapped ? first : second;
        IReadOnlyList<LabelOption> options =
        [
            shownA with { Label = "Answer A is better", Key = first.Key },
            shownB with { Label = "Answer B is better", Key = second.Key },
            .. question.Options.Where(o => o.Value is not (PreferenceSchema.FirstBetter or PreferenceSchema.SecondBetter)),
        ];
        var display = question with { Options = options };
        return schema with { Questions = [.. schema.Questions.Select(q => q.Key == question.Key ? display : q)] };
    }
}
