namespace ValueAlign.Core.Jobs;

/// <summary>
/// Life cycle of a background job. Only Queued jobs are picked up by a runner. A job
/// WaitingForModel stopped because a model it uses was unloaded; it is put back in the queue when
/// that model is loaded again, or by Resume.
/// </summary>
public enum JobState
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Cancelled = 4,
    WaitingForModel = 5,
}
