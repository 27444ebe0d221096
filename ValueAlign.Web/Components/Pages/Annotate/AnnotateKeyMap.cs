using ValueAlign.Core.Annotation.Schema;

namespace ValueAlign.Web.Components.Pages.Annotate;

public enum AnnotateAction
{
    None,
    Choose,
    ToggleFlag,
    Submit,
    Skip,
    Undo,
    Help,
    Guidelines,
    Zoom,
    NextQuestion,
    PreviousQuestion,
}

/// <summary>What a key press asks the annotate page to do; <see cref="Value"/> is the option or flag value.</summary>
public readonly record struct AnnotateCommand(AnnotateAction Action, string? Value = null);

/// <summary>
/// The annotate page's keys. Order of precedence: an option key of the focused question, then a
/// flag key, then the page's own keys. S, U and ? are reserved by <see cref="LabelSchema"/>, so no
/// option or flag can take them; G (guidelines) and + (zoom) work unless the schema gives them to
/// an option or flag, which then wins (the buttons always work). Without a draft (no item on
/// screen) only the page's own keys count. While typing in a text box only
/// Ctrl+Enter (submit) counts; Escape, handled in the browser, leaves the box.
/// </summary>
public static class AnnotateKeyMap
{
    public static AnnotateCommand Resolve(AnnotationDraft? draft, string key, bool typing = false, bool shift = false, bool ctrl = false)
    {
        if (typing)
        {
            return key == "Enter" && ctrl ? new(AnnotateAction.Submit) : default;
        }
        if (ctrl)
        {
            return default;
        }
        switch (key)
        {
            case "Enter":
                return new(AnnotateAction.Submit);
            case "ArrowDown":
                return new(AnnotateAction.NextQuestion);
            case "ArrowUp":
                return new(AnnotateAction.PreviousQuestion);
            case "Tab":
                return new(shift ? AnnotateAction.PreviousQuestion : AnnotateAction.NextQuestion);
        }
        if (draft?.OptionForKey(key) is { } option)
        {
            return new(AnnotateAction.Choose, option);
        }
        if (draft?.FlagForKey(key) is { } flag)
        {
            return new(AnnotateAction.ToggleFlag, flag);
        }
        return key switch
        {
            "s" or "S" => new(AnnotateAction.Skip),
            "u" or "U" => new(AnnotateAction.Undo),
            "?" => new(AnnotateAction.Help),
            "g" or "G" => new(AnnotateAction.Guidelines),
            "+" => new(AnnotateAction.Zoom),
            _ => default,
        };
    }

    /// <summary>The help dialog's rows: key and what it does, for this schema.</summary>
    public static IReadOnlyList<(string Keys, string Does)> Help(LabelSchema schema)
    {
        var rows = new List<(string, string)>();
        foreach (var question in schema.Questions)
        {
            var keys = question.Kind switch
            {
                QuestionKind.Likert => $"1 … {question.Points}",
                QuestionKind.FreeText => "type (Esc leaves the box)",
                _ => string.Join(" ", question.Options.Select(o => o.Key)),
            };
            rows.Add((keys, question.Text));
        }
        rows.AddRange(schema.Flags.Select(f => (f.Key.ToUpperInvariant(), $"Toggle flag: {f.Label}")));
        rows.Add(("↓ / Tab", "Next question"));
        rows.Add(("↑ / Shift+Tab", "Previous question"));
        rows.Add(("Enter", "Submit (when every required question is answered); Ctrl+Enter from a text box"));
        rows.Add(("S", "Skip this item"));
        rows.Add(("U", "Undo the last submit (the item comes back with its answers)"));
        rows.Add(("G", "Show or hide the guidelines"));
        rows.Add(("+", "Enlarge the image (then + / − zoom, arrows or drag pan, 0 reset, Esc close)"));
        rows.Add(("?", "This help"));
        return rows;
    }
}
