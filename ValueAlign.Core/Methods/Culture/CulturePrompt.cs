using System.Text;
using ValueAlign.Core.Benchmarks.Model;

namespace ValueAlign.Core.Methods.Culture;

/// <summary>
/// The MMA-ASIA question as text: the question, its lettered options (in the shown rotation) and
/// an answer cue. The paper publishes no exact template; this is the common MCQ layout
/// (lm-evaluation-harness's MMLU style) that MMA-ASIA's multiple-choice setting follows. An image
/// item goes with its image to a model that sees images; otherwise (and audio items always) the
/// item is given as its text only, with a note saying the media is not shown.
/// </summary>
public static class CulturePrompt
{
    public static string Question(BenchmarkItem item, IReadOnlyList<string> shownOptions, bool withRationale, bool imageShown = false)
    {
        var text = new StringBuilder();
        var country = string.IsNullOrWhiteSpace(item.Country) ? "" : $" about {item.Country}";
        text.Append("The following is a multiple-choice question").Append(country).Append(".\n");
        if (item.Modality != Modality.Text && !(imageShown && item.Modality == Modality.Image))
            text.Append("(The question refers to ").Append(item.Modality == Modality.Image ? "an image" : "a recording").Append(" that is not shown; answer from the text.)\n");
        text.Append("Question: ").Append(item.Text.Trim()).Append('\n');
        for (var i = 0; i < shownOptions.Count; i++)
            text.Append(CultureQuestion.Letter(i)).Append(". ").Append(shownOptions[i].Trim()).Append('\n');
        if (withRationale)
            text.Append("Reply with the letter of the correct option, then explain your reasoning in one or two sentences.\n");
        text.Append("Answer:");
        return text.ToString();
    }

    /// <summary>
    /// The continuation scored for option i: its letter and its text. The letter keeps the shown
    /// position visible to the model (so CircularEval measures position bias), the text makes the
    /// per-token normalisation meaningful. No leading space (see ILanguageModel).
    /// </summary>
    public static string Continuation(int shownIndex, string option) => $"{CultureQuestion.Letter(shownIndex)}. {option.Trim()}";

    /// <summary>The judge's question for MMA-ASIA grounding validity: does the rationale use the knowledge points?</summary>
    public static string GroundingJudge(BenchmarkItem item, IReadOnlyList<string> knowledgePoints, string answer) =>
        new StringBuilder()
            .Append("You check whether an answer's rationale is grounded in the knowledge it needs.\n")
            .Append("Question: ").Append(item.Text.Trim()).Append('\n')
            .Append("Required knowledge points: ").Append(string.Join("; ", knowledgePoints)).Append('\n')
            .Append("Answer and rationale: ").Append(answer.Trim()).Append('\n')
            .Append("Does the rationale use the required knowledge points (not just restate the option or guess)? ")
            .Append("Reply with JSON: {\"uses_knowledge_points\": 1} for yes or 0 for no.\n")
            .ToString();
}
