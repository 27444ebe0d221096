namespace ValueAlign.Core.Jobs;

/// <summary>
/// Thrown by a handler that cannot go on because a model it uses was unloaded (or swapped for
/// another). The runner marks the job <see cref="JobState.WaitingForModel"/> with this message
/// instead of Failed; the handler has stored everything it computed, so resuming loses nothing.
/// </summary>
public sealed class JobWaitingForModelException(string message) : Exception(message);
