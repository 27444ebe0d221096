using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Core.Annotation.Labels;

/// <summary>
/// One question's answer as a single comparable label: the option value or Likert point, or for a
/// multiple-choice question the chosen values sorted and joined by <see cref="Separator"/>, so that
/// two annotators who chose the same set have the same label.
/// </summary>
public static class AnswerLabel
{
    public const char Separator = '|';

    /// <summary>Whether labels of this question are compared (agreement, adjudication): every kind but free text.</summary>
    public static bool IsComparable(LabelQuestion question) => question.Kind != QuestionKind.FreeText;

    /// <summary>The label, or null when the question was not answered.</summary>
    public static string? Of(LabelQuestion question, AnnotationAnswers answers)
    {
        if (!answers.Answers.TryGetValue(question.Key, out var values) || values.Count == 0)
        {
            return null;
        }
        return question.Kind == QuestionKind.MultipleChoice
            ? string.Join(Separator, values.Order(StringComparer.Ordinal))
            : values[0];
    }

    /// <summary>The values a label stands for (one, or several for multiple choice).</summary>
    public static IReadOnlyList<string> Values(LabelQuestion question, string label) =>
        question.Kind == QuestionKind.MultipleChoice ? label.Split(Separator) : [label];

    /// <summary>What a reader sees for a label: the option labels (or the Likert point) instead of the stored values.</summary>
    public static string Display(LabelQuestion? question, string label)
    {
        if (question is null || question.Kind is QuestionKind.Likert or QuestionKind.FreeText)
        {
            return label;
        }
        return string.Join(", ", Values(question, label).Select(v => question.Options.FirstOrDefault(o => o.Value == v)?.Label ?? v));
    }

    /// <summary>Problems with a label a curator entered for <paramref name="question"/>; empty when it is allowed.</summary>
    public static IReadOnlyList<string> Validate(LabelQuestion question, string label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return [$"Question '{question.Key}': the label is empty."];
        }
        var values = Values(question, label);
        var allowed = question.AllowedValues;
        var errors = values.Where(v => !allowed.Contains(v))
            .Select(v => $"Question '{question.Key}': '{v}' is not one of {string.Join(", ", allowed)}.")
            .ToList();
        if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
        {
            errors.Add($"Question '{question.Key}': a value is chosen twice.");
        }
        return errors;
    }

    /// <summary>The canonical form of a label (multiple-choice values sorted).</summary>
    public static string Normalise(LabelQuestion question, string label) =>
        question.Kind == QuestionKind.MultipleChoice ? string.Join(Separator, Values(question, label).Order(StringComparer.Ordinal)) : label;
}
