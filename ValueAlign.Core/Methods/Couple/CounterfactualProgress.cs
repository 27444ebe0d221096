namespace ValueAlign.Core.Methods.Couple;

/// <summary>What a live view of a run is told about: a step began or ended, a model call began, or a piece of its output arrived.</summary>
public enum CounterfactualProgressKind
{
    StepStarted,
    CallStarted,
    Token,
    StepFinished,
}

/// <summary>
/// One event of a running method, reported through <see cref="CounterfactualRequest.Progress"/> so a
/// page can stream every model call's output as it is generated (the trace itself is only complete
/// at the end). <paramref name="Purpose"/> and <paramref name="Attempt"/> name the call (as in
/// <see cref="ModelCall"/>); <paramref name="Piece"/> is the new text of a <c>Token</c> event.
/// </summary>
public sealed record CounterfactualProgress(CounterfactualProgressKind Kind, string Step, string? Purpose = null, int Attempt = 0, string? Piece = null);
