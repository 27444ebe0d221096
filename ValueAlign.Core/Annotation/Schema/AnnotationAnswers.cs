using System.Text.Json;

namespace ValueAlign.Core.Annotation.Schema;

/// <summary>
/// What one annotator answered about one item: per question key the chosen values (one for single
/// choice, Likert ("1".."N") and free text, one or more for multiple choice), and the set flags.
/// </summary>
public sealed record AnnotationAnswers
{
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Answers { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>
    /// How the item was shown, when that varies per annotator: the order of a preference pair's
    /// answers (<c>AB</c> or <c>BA</c>, see <c>PreferencePresentation</c>). Recorded, not validated.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Presentation { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, SchemaJson.Options);

    public static AnnotationAnswers FromJson(string json) => SchemaJson.Read<AnnotationAnswers>(json, "Answers");

    /// <summary>Every way the answers do not fit <paramref name="schema"/>; empty when they do.</summary>
    public IReadOnlyList<string> Validate(LabelSchema schema)
    {
        var errors = new List<string>();
        foreach (var key in Answers.Keys.Where(k => schema.Question(k) is null))
        {
            errors.Add($"'{key}' is not a question of the schema.");
        }
        foreach (var question in schema.Questions)
        {
            Answers.TryGetValue(question.Key, out var values);
            values ??= [];
            var name = $"Question '{question.Key}'";
            if (values.Count == 0 || (question.Kind == QuestionKind.FreeText && values.All(string.IsNullOrWhiteSpace)))
            {
                if (question.Required)
                {
                    errors.Add($"{name} needs an answer.");
                }
                continue;
            }
            if (question.Kind != QuestionKind.MultipleChoice && values.Count > 1)
            {
                errors.Add($"{name} takes one answer, got {values.Count}.");
            }
            if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
            {
                errors.Add($"{name} has the same answer twice.");
            }
            if (question.Kind != QuestionKind.FreeText)
            {
                var allowed = question.AllowedValues;
                foreach (var value in values.Where(v => !allowed.Contains(v)))
                {
                    errors.Add($"{name}: '{value}' is not one of {string.Join(", ", allowed)}.");
                }
            }
        }
        foreach (var flag in Flags.Where(f => schema.Flags.All(s => s.Value != f)))
        {
            errors.Add($"'{flag}' is not a flag of the schema.");
        }
        if (Flags.Distinct(StringComparer.Ordinal).Count() != Flags.Count)
        {
            errors.Add("A flag is set twice.");
        }
        return errors;
    }

    public void EnsureValid(LabelSchema schema)
    {
        var errors = Validate(schema);
        if (errors.Count > 0)
        {
            throw new LabelSchemaException(errors);
        }
    }
}
