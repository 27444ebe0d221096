using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Web.Components.Pages.Annotate;

/// <summary>
/// The answers being given to the current item and which question has the keyboard focus.
/// Focus rules: picking the answer of a single-choice or Likert question moves the focus to the
/// next question that is not free text (free text is reached with Tab / arrow keys or a click);
/// a multiple-choice question keeps the focus, since more options may follow.
/// </summary>
public sealed class AnnotationDraft
{
    private readonly Dictionary<string, List<string>> _answers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public AnnotationDraft(LabelSchema schema, AnnotationAnswers? start = null)
    {
        Schema = schema;
        foreach (var (key, values) in start?.Answers ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            if (schema.Question(key) is not null)
            {
                _answers[key] = values.ToList();
            }
        }
        foreach (var flag in start?.Flags ?? [])
        {
            _flags.Add(flag);
        }
        FocusIndex = FirstUnanswered() ?? 0;
    }

    public LabelSchema Schema { get; }

    public int FocusIndex { get; private set; }

    public LabelQuestion Focused => Schema.Questions[FocusIndex];

    public IReadOnlyList<string> ValuesOf(string questionKey) =>
        _answers.TryGetValue(questionKey, out var values) ? values : [];

    public bool IsChosen(string questionKey, string value) => ValuesOf(questionKey).Contains(value);

    public bool HasFlag(string value) => _flags.Contains(value);

    public string TextOf(string questionKey) => ValuesOf(questionKey).FirstOrDefault() ?? "";

    /// <summary>
    /// The option (or Likert point) of the focused question that <paramref name="key"/> picks, or null.
    /// Letters match in either case.
    /// </summary>
    public string? OptionForKey(string key) => Focused.Kind switch
    {
        QuestionKind.Likert => int.TryParse(key, out var point) && point >= 1 && point <= (Focused.Points ?? 0) ? key : null,
        QuestionKind.SingleChoice or QuestionKind.MultipleChoice =>
            Focused.Options.FirstOrDefault(o => string.Equals(o.Key, key, StringComparison.OrdinalIgnoreCase))?.Value,
        _ => null,
    };

    /// <summary>Picks (single choice, Likert) or toggles (multiple choice) a value of a question, then moves the focus as described above.</summary>
    public void Choose(string questionKey, string value)
    {
        var index = IndexOf(questionKey);
        var question = Schema.Questions[index];
        if (question.Kind == QuestionKind.MultipleChoice)
        {
            var values = _answers.TryGetValue(questionKey, out var existing) ? existing : _answers[questionKey] = [];
            if (!values.Remove(value))
            {
                // Kept in the schema's option order, so the stored answer does not depend on the order of key presses.
                values.Add(value);
                values.Sort((a, b) => OptionIndex(question, a).CompareTo(OptionIndex(question, b)));
            }
            FocusIndex = index;
            return;
        }
        _answers[questionKey] = [value];
        FocusIndex = NextChoiceAfter(index) ?? index;
    }

    public void SetText(string questionKey, string? text)
    {
        IndexOf(questionKey);
        if (string.IsNullOrEmpty(text))
        {
            _answers.Remove(questionKey);
        }
        else
        {
            _answers[questionKey] = [text];
        }
    }

    public void ToggleFlag(string value)
    {
        if (Schema.Flags.All(f => f.Value != value))
        {
            throw new ArgumentException($"'{value}' is not a flag of the schema.", nameof(value));
        }
        if (!_flags.Remove(value))
        {
            _flags.Add(value);
        }
    }

    /// <summary>The flag that <paramref name="key"/> toggles (letters in either case), or null.</summary>
    public string? FlagForKey(string key) =>
        Schema.Flags.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase))?.Value;

    public void FocusNext() => FocusIndex = Math.Min(Schema.Questions.Count - 1, FocusIndex + 1);

    public void FocusPrevious() => FocusIndex = Math.Max(0, FocusIndex - 1);

    public void FocusOn(string questionKey) => FocusIndex = IndexOf(questionKey);

    /// <summary>Required questions still without an answer, in schema order.</summary>
    public IReadOnlyList<LabelQuestion> Missing() =>
        Schema.Questions.Where(q => q.Required && !IsAnswered(q)).ToList();

    /// <summary>The answers as stored: free text trimmed, empty answers left out, flags in the schema's order.</summary>
    public AnnotationAnswers ToAnswers() => new()
    {
        Answers = Schema.Questions
            .Where(IsAnswered)
            .ToDictionary(q => q.Key, q => (IReadOnlyList<string>)(q.Kind == QuestionKind.FreeText
                ? [TextOf(q.Key).Trim()]
                : ValuesOf(q.Key).ToList())),
        Flags = Schema.Flags.Where(f => _flags.Contains(f.Value)).Select(f => f.Value).ToList(),
    };

    private bool IsAnswered(LabelQuestion question) => question.Kind == QuestionKind.FreeText
        ? !string.IsNullOrWhiteSpace(TextOf(question.Key))
        : ValuesOf(question.Key).Count > 0;

    private int? FirstUnanswered()
    {
        var index = Schema.Questions.ToList().FindIndex(q => q.Kind != QuestionKind.FreeText && !IsAnswered(q));
        return index < 0 ? null : index;
    }

    private int? NextChoiceAfter(int index)
    {
        for (var i = index + 1; i < Schema.Questions.Count; i++)
        {
            if (Schema.Questions[i].Kind != QuestionKind.FreeText)
            {
                return i;
            }
        }
        return null;
    }

    private int IndexOf(string questionKey)
    {
        var index = Schema.Questions.ToList().FindIndex(q => q.Key == questionKey);
        return index >= 0 ? index : throw new ArgumentException($"'{questionKey}' is not a question of the schema.", nameof(questionKey));
    }

    private static int OptionIndex(LabelQuestion question, string value) =>
        question.Options.ToList().FindIndex(o => o.Value == value);
}
