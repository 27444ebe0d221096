namespace ValueAlign.Core.Jobs;

/// <summary>
/// One unit of long work (an evaluation run, a batch study) persisted so it survives a restart.
/// The payload says what to do (for example the run id); the handler registered for
/// <see cref="Kind"/> does it. Handlers keep their own per-item results, so a job that is run
/// again after a crash skips the items it already finished.
/// </summary>
public sealed class BackgroundJob
{
    public long Id { get; set; }

    /// <summary>Handler key, for example <c>eval-run</c> or <c>counterfactual-study</c>.</summary>
    public string Kind { get; set; } = "";

    public string Title { get; set; } = "";

    public string PayloadJson { get; set; } = "{}";

    public JobState State { get; set; }

    public int Done { get; set; }

    public int Total { get; set; }

    public string? Message { get; set; }

    public string? Error { get; set; }

    /// <summary>How many times the job was started; above 1 means it resumed.</summary>
    public int Attempts { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }
}
