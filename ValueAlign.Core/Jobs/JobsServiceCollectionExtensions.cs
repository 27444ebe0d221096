using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ValueAlign.Core.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// The shared job queue and its runner. Handlers register themselves as
    /// <c>services.AddSingleton&lt;IJobHandler, MyHandler&gt;()</c>. The web host also starts the runner
    /// as a hosted service (<see cref="AddJobRunnerHostedService"/>); the CLI runs its jobs in-process.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JobQueue>();
        services.TryAddSingleton<JobRunner>();
        return services;
    }

    public static IServiceCollection AddJobRunnerHostedService(this IServiceCollection services) =>
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
}
