using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Methods.Optimisation;

namespace ValueAlign.Core.Methods.Irote;

/// <summary>Everything an IROTE run produced as one JSON document: trait, scorer, settings, prompts, every round's candidates with R and samples, and the best reflection.</summary>
public sealed record IroteDocument(
    string Method,
    TargetValue Trait,
    string Scorer,
    IroteSettings Settings,
    IReadOnlyList<TaskPrompt> Prompts,
    IReadOnlyList<IroteRound> Rounds,
    string? Reflection,
    string? StopReason)
{
    public static IroteDocument FromResults(IroteParameters parameters, IReadOnlyList<TaskPrompt> prompts, IEnumerable<EvalItemResult> results)
    {
        var rounds = new List<IroteRound>();
        string? stop = null;
        foreach (var result in results.Where(r => RoundUnits.Round(r.UnitKey) is not null).OrderBy(r => RoundUnits.Round(r.UnitKey)))
        {
            if (result.Error is { } error)
            {
                stop = $"round {RoundUnits.Round(result.UnitKey)} failed: {error}";
                break;
            }
            rounds.Add(OptimisationJson.Deserialize<IroteRound>(result.ParsedAnswer ?? throw new OptimisationException($"Round {result.UnitKey} stored no round.")));
        }
        if (stop is null && rounds.Count == parameters.Settings.Rounds) stop = Optimisation.StopReason.RoundLimit(parameters.Settings.Rounds);
        return new IroteDocument(IroteMethod.MethodId, parameters.Trait, parameters.Scorer, parameters.Settings, prompts, rounds,
            rounds.Count > 0 ? rounds[^1].Best.Text : null, stop);
    }
}
