namespace ValueAlign.Core.Jobs;

/// <summary>
/// Does the work of one job kind. Must be resumable: when a job is started again (after a
/// cancel, a failure or a killed process) the handler continues where the persisted results end
/// and never writes an item result twice.
/// </summary>
public interface IJobHandler
{
    string Kind { get; }

    Task RunAsync(JobExecution job, CancellationToken cancellationToken);
}
