using System.Text.Json;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Methods.Couple.Study;

/// <summary>
/// Turns a library item into the (question, original response) pair the counterfactual methods
/// take. The COUPLE authors rewrite existing value-laden responses, so items that carry one keep
/// it: a Touché argument's conclusion becomes the question and its premise the response; a Value
/// FULCRA dialogue splits at the first assistant turn ("Bob:" or "Assistant:"). A MoralChoice
/// scenario is only a situation with two actions, so the model answers it first.
/// </summary>
public static class StudyItemText
{
    private static readonly string[] AssistantMarkers = ["\nBob:", "\nAssistant:"];

    public static (string Question, string? Response) From(BenchmarkItem item, StudyResponseSource source)
    {
        var (question, response) = item switch
        {
            { Kind: ItemKind.ValueLabelledText, Context: { Length: > 0 } conclusion } =>
                ($"What is your position on this claim: \"{conclusion}\"? Give your argument.", item.Text),
            { Kind: ItemKind.ValueLabelledText } => SplitDialogue(item.Text),
            { Kind: ItemKind.MoralScenario } => (ScenarioQuestion(item), (string?)null),
            _ => (item.Text, (string?)null),
        };
        return (question, source == StudyResponseSource.Generate ? null : response);
    }

    private static (string, string?) SplitDialogue(string dialogue)
    {
        foreach (var marker in AssistantMarkers)
        {
            var at = dialogue.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
                continue;
            var human = dialogue[..at].Trim();
            if (human.StartsWith("Human:", StringComparison.Ordinal))
                human = human["Human:".Length..].Trim();
            return (human, dialogue[(at + marker.Length)..].Trim());
        }
        return (dialogue.Trim(), null);
    }

    private static string ScenarioQuestion(BenchmarkItem item)
    {
        var options = item.OptionsJson is null ? [] : JsonSerializer.Deserialize<string[]>(item.OptionsJson) ?? [];
        var choices = string.Join(" ", options.Select((o, i) => $"Option {(char)('A' + i)}: {o}"));
        return $"{item.Text.Trim()} What should you do? {choices}".Trim();
    }
}
