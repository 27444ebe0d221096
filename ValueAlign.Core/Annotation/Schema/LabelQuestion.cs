namespace ValueAlign.Core.Annotation.Schema;

/// <summary>
/// One question of a label schema. Choice questions list their options; a Likert question has
/// <see cref="Points"/> points answered "1".."N" with the number keys; free text has neither.
/// </summary>
public sealed record LabelQuestion
{
    /// <summary>Stable id used in stored answers and agreement statistics, e.g. <c>answer-correct</c>.</summary>
    public required string Key { get; init; }

    public required string Text { get; init; }

    public required QuestionKind Kind { get; init; }

    public IReadOnlyList<LabelOption> Options { get; init; } = [];

    /// <summary>Number of Likert points (2..9); null for other kinds.</summary>
    public int? Points { get; init; }

    /// <summary>Labels of the Likert ends, e.g. "disagree" / "agree".</summary>
    public string? MinLabel { get; init; }

    public string? MaxLabel { get; init; }

    /// <summary>Whether a submit must answer this question.</summary>
    public bool Required { get; init; } = true;

    /// <summary>The values an answer may take: option values, or "1".."N" on a Likert scale.</summary>
    public IReadOnlyList<string> AllowedValues => Kind switch
    {
        QuestionKind.Likert => Enumerable.Range(1, Points ?? 0).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        QuestionKind.FreeText => [],
        _ => Options.Select(o => o.Value).ToList(),
    };
}
