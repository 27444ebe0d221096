namespace ValueAlign.Core.Jobs;

/// <summary>Life cycle of a background job. Only Queued jobs are picked up by a runner.</summary>
public enum JobState
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Cancelled = 4,
}
