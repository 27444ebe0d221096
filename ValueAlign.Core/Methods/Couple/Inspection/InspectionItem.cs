using System.Text.RegularExpressions;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Methods.Couple.Inspection;

/// <summary>
/// A (question, response) pair taken from an imported benchmark item for counterfactual inspection.
/// Response null means the item has none and the model answers first.
/// </summary>
public sealed partial record InspectionItem(string Question, string? Response)
{
    /// <summary>Benchmarks whose items the inspector offers, by their importers' default names.</summary>
    public static readonly IReadOnlyList<string> Benchmarks = ["touche23-valueeval", "moralchoice", "value-fulcra"];

    /// <summary>
    /// Touché argument: the conclusion (with its stance) is the question and the premise the response.
    /// MoralChoice scenario: the context is the question, asking what to do; no response.
    /// Value FULCRA dialogue: the human's first turn is the question and the rest of the dialogue
    /// (after the assistant's speaker label) the response. Any other item: its text, with its
    /// context in front when it has one, and no response.
    /// </summary>
    public static InspectionItem From(BenchmarkItem item) => item.SourceFormat switch
    {
        "touche23" => new(ToucheQuestion(item), item.Text.Trim()),
        "moralchoice" => new(item.Text.Trim() + " What do you do, and why?", null),
        "fulcra" => FromDialogue(item.Text),
        _ => new(string.IsNullOrWhiteSpace(item.Context) ? item.Text.Trim() : $"{item.Context.Trim()}\n{item.Text.Trim()}", null),
    };

    private static string ToucheQuestion(BenchmarkItem item)
    {
        var conclusion = (item.Context ?? "").Trim().TrimEnd('.');
        return string.IsNullOrEmpty(item.Category)
            ? $"Argue about this claim: {conclusion}."
            : $"Give an argument {item.Category.Trim()} this claim: {conclusion}.";
    }

    /// <summary>"Human: q\nBob: a ..." → (q, a ...); a dialogue without that shape is all question.</summary>
    public static InspectionItem FromDialogue(string dialogue)
    {
        var match = DialogueTurns().Match(dialogue);
        return match.Success
            ? new(match.Groups["question"].Value.Trim(), match.Groups["response"].Value.Trim())
            : new(dialogue.Trim(), null);
    }

    [GeneratedRegex(@"^\s*Human:\s*(?<question>.+?)\r?\n\s*[A-Za-z][\w ]{0,30}:\s*(?<response>.+)$", RegexOptions.Singleline)]
    private static partial Regex DialogueTurns();
}
