using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ValueAlign.Core.Jobs;

namespace ValueAlign.Core.Evaluation;

public static class EvaluationServiceCollectionExtensions
{
    /// <summary>
    /// Evaluation runs: the run service, the method registry and the <c>eval-run</c> job handler.
    /// The methods come from their folders' registrations (<c>AddMethods</c>, or <c>AddMethod&lt;T&gt;</c>
    /// for one folder; see <c>Methods/IMethodRegistration</c>). Needs the data, model
    /// registry, inference and jobs registrations. <paramref name="engine"/> is the <c>Runs</c>
    /// section (defaults when null).
    /// </summary>
    public static IServiceCollection AddEvaluation(this IServiceCollection services, RunEngineOptions? engine = null)
    {
        engine ??= new RunEngineOptions();
        engine.Validate();
        services.TryAddSingleton(engine);
        services.AddJobs();
        services.TryAddSingleton<EvaluationMethods>();
        services.TryAddSingleton<EvalRunService>();
        services.TryAddSingleton<Caching.ItemContentKeys>();
        services.TryAddSingleton<Benchmarks.Media.MediaFileHashes>();
        services.TryAddSingleton<RunControl>();
        services.TryAddSingleton<WaitingRunResumer>();
        services.TryAddSingleton<EvalRunExport>();
        services.TryAddSingleton<Artefacts.RunArtefactStore>();
        services.AddSingleton<IJobHandler, EvalRunHandler>();
        return services;
    }

    /// <summary>Runs waiting for a model resume when it is loaded again (the web host; see <see cref="WaitingRunResumer"/>).</summary>
    public static IServiceCollection AddWaitingRunResumerHostedService(this IServiceCollection services) =>
        services.AddHostedService(sp => sp.GetRequiredService<WaitingRunResumer>());
}
