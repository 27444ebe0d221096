using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Methods.Optimisation;

namespace ValueAlign.Core.Methods.Picaco;

/// <summary>
/// Everything a PICACO run produced, as one JSON document (the CLI's <c>--out</c>, the run's
/// <c>optimisation</c> artefact): the values, settings and prompts, every round with its pools and
/// candidates, and the final instruction with why the run stopped.
/// </summary>
public sealed record PicacoDocument(
    string Method,
    string? ValueSet,
    IReadOnlyList<TargetValue> Values,
    PicacoSettings Settings,
    IReadOnlyList<TaskPrompt> Prompts,
    IReadOnlyList<PicacoRound> Rounds,
    string? Instruction,
    string? StopReason)
{
    /// <summary>Reads the stored rounds of a run (round-NN units; skipped and failed rounds are not rounds) into a document.</summary>
    public static PicacoDocument FromResults(PicacoParameters parameters, IReadOnlyList<TaskPrompt> prompts, IEnumerable<EvalItemResult> results)
    {
        var stored = results.Where(r => RoundUnits.Round(r.UnitKey) is not null).OrderBy(r => RoundUnits.Round(r.UnitKey)).ToList();
        var rounds = new List<PicacoRound>();
        string? stop = null;
        foreach (var result in stored)
        {
            if (result.Error is { } error)
            {
                stop = $"round {RoundUnits.Round(result.UnitKey)} failed: {error}";
                break;
            }
            if (result.ParsedAnswer is null) break; // skipped after convergence
            rounds.Add(OptimisationJson.Deserialize<PicacoRound>(result.ParsedAnswer));
        }
        if (stop is null && rounds.Count > 0)
        {
            stop = rounds[^1].Converged ? Optimisation.StopReason.Converged(rounds[^1].Round)
                : rounds.Count == parameters.Settings.Rounds ? Optimisation.StopReason.RoundLimit(parameters.Settings.Rounds)
                : null;
        }
        return new PicacoDocument(PicacoMethod.MethodId, parameters.ValueSetId, parameters.Values, parameters.Settings, prompts, rounds,
            rounds.Count > 0 ? rounds[^1].Winner : null, stop);
    }
}
