using ValueAlign.Core.Methods.Optimisation;

namespace ValueAlign.Core.Methods.Irote;

/// <summary>log q(trait | y, x): how strongly a response y to a task prompt x shows the target trait.</summary>
public interface ITraitScorer
{
    /// <summary>Short name for the JSON and the page, e.g. "judge" or "questionnaire".</summary>
    string Name { get; }

    Task<double> LogProbabilityAsync(TaskPrompt prompt, string response, CancellationToken cancellationToken);
}
