using System.Text.Json;
using System.Text.RegularExpressions;

namespace ValueAlign.Core.Annotation.Schema;

/// <summary>
/// What annotators answer about each item: questions (picked with number keys, or typed) and
/// flags (toggled with letter keys). Stored as JSON on the project.
/// </summary>
public sealed partial record LabelSchema
{
    /// <summary>Keys the annotate page uses itself: S skips, U undoes, ? shows the keys.</summary>
    public static readonly IReadOnlySet<string> ReservedKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "s", "u", "?" };

    public const int MaxLikertPoints = 9;

    public required IReadOnlyList<LabelQuestion> Questions { get; init; }

    public IReadOnlyList<LabelFlag> Flags { get; init; } = [];

    public LabelQuestion? Question(string key) => Questions.FirstOrDefault(q => q.Key == key);

    public string ToJson() => JsonSerializer.Serialize(this, SchemaJson.Options);

    /// <summary>Parses and validates; throws <see cref="LabelSchemaException"/> listing every problem.</summary>
    public static LabelSchema FromJson(string json)
    {
        var schema = SchemaJson.Read<LabelSchema>(json, "Label schema");
        schema.EnsureValid();
        return schema;
    }

    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new LabelSchemaException(errors);
        }
    }

    /// <summary>Every problem of the schema, each naming the question or flag; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Questions.Count == 0)
        {
            errors.Add("The schema has no questions.");
        }
        foreach (var duplicate in Duplicates(Questions.Select(q => q.Key), StringComparer.Ordinal))
        {
            errors.Add($"Question key '{duplicate}' is used more than once.");
        }
        var flagKeys = new HashSet<string>(Flags.Select(f => f.Key), StringComparer.OrdinalIgnoreCase);
        foreach (var question in Questions)
        {
            ValidateQuestion(question, flagKeys, errors);
        }
        ValidateFlags(errors);
        return errors;
    }

    private static void ValidateQuestion(LabelQuestion question, HashSet<string> flagKeys, List<string> errors)
    {
        var name = $"Question '{question.Key}'";
        if (!KeyPattern().IsMatch(question.Key))
        {
            errors.Add($"{name}: the key must be lower-case letters, digits and dashes.");
        }
        if (string.IsNullOrWhiteSpace(question.Text))
        {
            errors.Add($"{name}: the text is empty.");
        }
        switch (question.Kind)
        {
            case QuestionKind.SingleChoice or QuestionKind.MultipleChoice:
                if (question.Options.Count < 2)
                {
                    errors.Add($"{name}: a choice question needs at least two options.");
                }
                if (question.Points is not null)
                {
                    errors.Add($"{name}: only Likert questions have points.");
                }
                break;
            case QuestionKind.Likert:
                if (question.Points is not (>= 2 and <= MaxLikertPoints))
                {
                    errors.Add($"{name}: a Likert question needs 2..{MaxLikertPoints} points (the number keys pick them).");
                }
                if (question.Options.Count > 0)
                {
                    errors.Add($"{name}: a Likert question has points, not options.");
                }
                break;
            case QuestionKind.FreeText:
                if (question.Options.Count > 0 || question.Points is not null)
                {
                    errors.Add($"{name}: a free-text question has no options or points.");
                }
                break;
        }
        foreach (var option in question.Options)
        {
            if (string.IsNullOrWhiteSpace(option.Value) || string.IsNullOrWhiteSpace(option.Label))
            {
                errors.Add($"{name}: an option has an empty value or label.");
            }
            if (!IsSingleKey(option.Key))
            {
                errors.Add($"{name}: option '{option.Value}' needs a single-character key, not '{option.Key}'.");
            }
            else if (ReservedKeys.Contains(option.Key) || flagKeys.Contains(option.Key))
            {
                errors.Add($"{name}: option '{option.Value}' uses key '{option.Key}', which is taken by {(ReservedKeys.Contains(option.Key) ? "the page" : "a flag")}.");
            }
        }
        foreach (var duplicate in Duplicates(question.Options.Select(o => o.Value), StringComparer.Ordinal))
        {
            errors.Add($"{name}: option value '{duplicate}' is used more than once.");
        }
        foreach (var duplicate in Duplicates(question.Options.Select(o => o.Key), StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{name}: key '{duplicate}' picks more than one option.");
        }
    }

    private void ValidateFlags(List<string> errors)
    {
        foreach (var flag in Flags)
        {
            if (string.IsNullOrWhiteSpace(flag.Value) || string.IsNullOrWhiteSpace(flag.Label))
            {
                errors.Add("A flag has an empty value or label.");
            }
            if (!IsSingleKey(flag.Key) || !char.IsLetter(flag.Key[0]))
            {
                errors.Add($"Flag '{flag.Value}' needs a single letter key, not '{flag.Key}'.");
            }
            else if (ReservedKeys.Contains(flag.Key))
            {
                errors.Add($"Flag '{flag.Value}' uses key '{flag.Key}', which the page reserves (S skip, U undo).");
            }
        }
        foreach (var duplicate in Duplicates(Flags.Select(f => f.Value), StringComparer.Ordinal))
        {
            errors.Add($"Flag value '{duplicate}' is used more than once.");
        }
        foreach (var duplicate in Duplicates(Flags.Select(f => f.Key), StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"Flag key '{duplicate}' toggles more than one flag.");
        }
    }

    private static bool IsSingleKey(string? key) => key is { Length: 1 } && !char.IsWhiteSpace(key[0]);

    private static IEnumerable<string> Duplicates(IEnumerable<string> values, StringComparer comparer) =>
        values.GroupBy(v => v, comparer).Where(g => g.Count() > 1).Select(g => g.Key);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();
}
