using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Methods.Irote;
using ValueAlign.Core.Methods.Picaco;
using ValueAlign.Core.Values;

namespace ValueAlign.Core.Methods.Optimisation;

public static class OptimisationServiceCollectionExtensions
{
    /// <summary>
    /// The prompt optimisers <c>picaco</c> and <c>irote</c> as optimisation-kind methods of the run
    /// engine, PICACO's value sets (loaded now from <paramref name="valueSetsFile"/>, so a bad file
    /// stops start-up), the round store and the live progress board. Needs the value-system
    /// catalogue, the database and <c>AddEvaluation</c>.
    /// </summary>
    public static IServiceCollection AddPromptOptimisers(this IServiceCollection services, string valueSetsFile)
    {
        services.AddSingleton(sp => new ValueSetCatalog(valueSetsFile, sp.GetRequiredService<ValueSystemCatalog>()));
        services.AddSingleton<OptimisationRoundStore>();
        services.AddSingleton<OptimisationProgressBoard>();
        services.AddSingleton<OptimisationRunReader>();
        services.AddSingleton<PicacoMethod>();
        services.AddSingleton<IroteMethod>();
        services.AddSingleton<IEvaluationMethod>(sp => sp.GetRequiredService<PicacoMethod>());
        services.AddSingleton<IEvaluationMethod>(sp => sp.GetRequiredService<IroteMethod>());
        return services;
    }
}
