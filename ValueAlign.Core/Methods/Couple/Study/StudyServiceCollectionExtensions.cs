using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Methods.Couple.Inspection;

namespace ValueAlign.Core.Methods.Couple.Study;

public static class StudyServiceCollectionExtensions
{
    /// <summary>
    /// Registers the counterfactual inspector (shared by the inspector page and the verb) and the batch
    /// study as an evaluation method running through the same inspector (needs the value-system catalogue).
    /// </summary>
    public static IServiceCollection AddCounterfactualStudy(this IServiceCollection services)
    {
        services.AddSingleton<CounterfactualInspector>();
        return services.AddSingleton<IEvaluationMethod>(sp =>
            new CounterfactualStudyMethod(sp.GetRequiredService<Values.ValueSystemCatalog>(), sp.GetRequiredService<CounterfactualInspector>()));
    }
}
