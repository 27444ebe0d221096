namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// Everything LongMab-PO did for one item: the chunks, the probe and the initial values it gave,
/// every rollout in round order, and the resulting pair (null when the rewards never differed).
/// A trace reported while the item runs has the rollouts so far and no pair yet.
/// </summary>
public sealed record LongMabTrace(
    string ItemKey,
    string Question,
    IReadOnlyList<string> GoldAnswers,
    IReadOnlyList<ContextChunk> Chunks,
    string Probe,
    IReadOnlyList<double> InitialValues,
    IReadOnlyList<LongMabRollout> Rollouts,
    string PairPrompt,
    PreferencePair? Pair,
    bool Finished);
