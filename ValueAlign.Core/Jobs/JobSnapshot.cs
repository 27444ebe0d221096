namespace ValueAlign.Core.Jobs;

/// <summary>A job as the UI shows it, with live progress and an estimate of the time left.</summary>
public sealed record JobSnapshot(
    long Id,
    string Kind,
    string Title,
    JobState State,
    int Done,
    int Total,
    string? Message,
    string? Error,
    int Attempts,
    string CreatedBy,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    double? ItemsPerSecond,
    TimeSpan? Remaining)
{
    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Done / Total, 0, 1);

    /// <summary>Not queued or running: completed, failed, cancelled or waiting for a model (the runner has let go of it).</summary>
    public bool IsFinished => State is JobState.Completed or JobState.Failed or JobState.Cancelled or JobState.WaitingForModel;

    internal static JobSnapshot From(BackgroundJob job, double? rate = null, TimeSpan? remaining = null) => new(
        job.Id, job.Kind, job.Title, job.State, job.Done, job.Total, job.Message, job.Error, job.Attempts,
        job.CreatedBy, job.CreatedAt, job.StartedAt, job.FinishedAt, rate, remaining);
}
