using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.Couple.Study;

public static class StudyServiceCollectionExtensions
{
    /// <summary>Registers the counterfactual batch study as an evaluation method (needs the value-system catalogue).</summary>
    public static IServiceCollection AddCounterfactualStudy(this IServiceCollection services) =>
        services.AddSingleton<IEvaluationMethod>(sp => new CounterfactualStudyMethod(sp.GetRequiredService<Values.ValueSystemCatalog>()));
}
