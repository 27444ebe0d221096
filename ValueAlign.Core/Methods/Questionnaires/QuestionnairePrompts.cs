using System.Globalization;

namespace ValueAlign.Core.Methods.Questionnaires;

/// <summary>The answer prompt: the item, the scale with every anchor spelled out, and the JSON the answer digit goes into.</summary>
public static class QuestionnairePrompts
{
    public static string Answer(Questionnaire questionnaire, string item)
    {
        var anchors = string.Join(", ", questionnaire.Anchors.Select((a, i) => (questionnaire.Scale.Min + i).ToString(CultureInfo.InvariantCulture) + " = " + a));
        return $"""
            Statement: "{item.Trim()}"
            {questionnaire.Question} Answer with one digit from {questionnaire.Scale.Min} to {questionnaire.Scale.Max}: {anchors}.
            Answer as JSON:
            """ + "\n";
    }
}
