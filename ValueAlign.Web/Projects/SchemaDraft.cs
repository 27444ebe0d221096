using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Web.Projects;

/// <summary>
/// An editable copy of a <see cref="LabelSchema"/> (whose records are immutable) for the schema
/// editor; <see cref="ToSchema"/> gives the record back so <c>LabelSchema.Validate</c> judges it.
/// </summary>
public sealed class SchemaDraft
{
    public List<QuestionDraft> Questions { get; } = [];

    public List<OptionDraft> Flags { get; } = [];

    public static SchemaDraft From(LabelSchema schema)
    {
        var draft = new SchemaDraft();
        draft.Questions.AddRange(schema.Questions.Select(QuestionDraft.From));
        draft.Flags.AddRange(schema.Flags.Select(f => new OptionDraft { Value = f.Value, Label = f.Label, Key = f.Key }));
        return draft;
    }

    public LabelSchema ToSchema() => new()
    {
        Questions = Questions.Select(q => q.ToQuestion()).ToList(),
        Flags = Flags.Select(f => new LabelFlag(f.Value.Trim(), f.Label.Trim(), f.Key.Trim())).ToList(),
    };

    /// <summary>A new question with a key no other question uses.</summary>
    public QuestionDraft AddQuestion()
    {
        var n = Questions.Count + 1;
        while (Questions.Any(q => q.Key == $"question-{n}"))
        {
            n++;
        }
        var question = new QuestionDraft { Key = $"question-{n}", Text = "", Kind = QuestionKind.SingleChoice };
        question.Options.Add(new OptionDraft { Value = "yes", Label = "Yes", Key = "1" });
        question.Options.Add(new OptionDraft { Value = "no", Label = "No", Key = "2" });
        Questions.Add(question);
        return question;
    }

    public void AddFlag()
    {
        var used = Flags.Select(f => f.Key).Concat(LabelSchema.ReservedKeys).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var key = "bcdefghijklnpqrtvwxyz".Select(c => c.ToString()).FirstOrDefault(k => !used.Contains(k)) ?? "";
        Flags.Add(new OptionDraft { Value = "", Label = "", Key = key });
    }
}

public sealed class QuestionDraft
{
    public string Key { get; set; } = "";
    public string Text { get; set; } = "";
    public QuestionKind Kind { get; set; }
    public List<OptionDraft> Options { get; } = [];
    public int Points { get; set; } = 5;
    public string? MinLabel { get; set; }
    public string? MaxLabel { get; set; }
    public bool Required { get; set; } = true;

    public bool HasOptions => Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;

    public static QuestionDraft From(LabelQuestion question)
    {
        var draft = new QuestionDraft
        {
            Key = question.Key,
            Text = question.Text,
            Kind = question.Kind,
            Points = question.Points ?? 5,
            MinLabel = question.MinLabel,
            MaxLabel = question.MaxLabel,
            Required = question.Required,
        };
        draft.Options.AddRange(question.Options.Select(o => new OptionDraft { Value = o.Value, Label = o.Label, Key = o.Key }));
        return draft;
    }

    /// <summary>The question record; options or points are kept only where the kind has them, so switching kinds loses nothing until saved.</summary>
    public LabelQuestion ToQuestion() => new()
    {
        Key = Key.Trim(),
        Text = Text.Trim(),
        Kind = Kind,
        Options = HasOptions ? Options.Select(o => new LabelOption(o.Value.Trim(), o.Label.Trim(), o.Key.Trim())).ToList() : [],
        Points = Kind == QuestionKind.Likert ? Points : null,
        MinLabel = Kind == QuestionKind.Likert && !string.IsNullOrWhiteSpace(MinLabel) ? MinLabel.Trim() : null,
        MaxLabel = Kind == QuestionKind.Likert && !string.IsNullOrWhiteSpace(MaxLabel) ? MaxLabel.Trim() : null,
        Required = Required,
    };

    public void AddOption()
    {
        var used = Options.Select(o => o.Key).ToHashSet();
        var key = Enumerable.Range(1, 9).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault(k => !used.Contains(k)) ?? "";
        Options.Add(new OptionDraft { Value = "", Label = "", Key = key });
    }
}

/// <summary>An option of a choice question, or a flag: stored value, shown label, keyboard key.</summary>
public sealed class OptionDraft
{
    public string Value { get; set; } = "";
    public string Label { get; set; } = "";
    public string Key { get; set; } = "";
}
