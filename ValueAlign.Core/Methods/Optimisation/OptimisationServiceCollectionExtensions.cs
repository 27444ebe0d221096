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
    /// stops start-up), the round store, the live progress board, the run reader and the starter (which imports
    /// typed prompts and, when missing, the shipped value-laden prompts of <paramref name="valueLadenPromptsFile"/>). Needs the value-system
    /// catalogue, the database and <c>AddEvaluation</c>.
    /// </summary>
    public static IServiceCollection AddPromptOptimisers(this IServiceCollection services, string valueSetsFile, string valueLadenPromptsFile)
    {
        services.AddSingleton(sp => new ValueSetCatalog(valueSetsFile, sp.GetRequiredService<ValueSystemCatalog>()));
        services.AddSingleton<OptimisationRoundStore>();
        services.AddSingleton<OptimisationProgressBoard>();
        services.AddSingleton<OptimisationRunReader>();
        services.AddSingleton(new OptimisationStarter.Files(valueLadenPromptsFile));
        services.AddSingleton<OptimisationStarter>();
        services.AddSingleton<OptimisationChecks>();
        services.AddSingleton<PicacoMethod>();
        services.AddSingleton<IroteMethod>();
        services.AddSingleton<IEvaluationMethod>(sp => sp.GetRequiredService<PicacoMethod>());
        services.AddSingleton<IEvaluationMethod>(sp => sp.GetRequiredService<IroteMethod>());
        services.AddSingleton<IEvaluationMethod, Picaco.Conformity.ConformityMethod>();
        return services;
    }
}
