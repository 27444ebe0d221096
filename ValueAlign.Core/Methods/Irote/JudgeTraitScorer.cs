using ValueAlign.Core.Inference;
using ValueAlign.Core.Methods.Optimisation;

namespace ValueAlign.Core.Methods.Irote;

/// <summary>q(trait | y, x) as the judge's yes-probability at a binary slot (<see cref="BinarySlotJudge"/>).</summary>
public sealed class JudgeTraitScorer(ILanguageModel judge, TargetValue trait) : ITraitScorer
{
    public string Name => "judge";

    public Task<double> LogProbabilityAsync(TaskPrompt prompt, string response, CancellationToken cancellationToken) =>
        new BinarySlotJudge(judge).LogProbabilityOfYesAsync(Prompt(trait, prompt.Text, response), cancellationToken);

    public static string Prompt(TargetValue trait, string request, string response) =>
        $"""
        Does the response show the trait below?
        Trait: {trait.Name}: {trait.Definition}
        Request: {request.Trim()}
        Response: {response.Trim()}
        """ + "\n" + BinarySlotJudge.AnswerCue;
}
