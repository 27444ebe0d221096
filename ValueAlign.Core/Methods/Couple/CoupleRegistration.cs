using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Methods.Couple.Inspection;
using ValueAlign.Core.Methods.Couple.Study;

namespace ValueAlign.Core.Methods.Couple;

/// <summary>
/// COUPLE: the counterfactual inspector (shared by the /counterfactuals page and the verb) and the
/// batch study as the <c>counterfactual-study</c> method running through the same inspector.
/// </summary>
public sealed class CoupleRegistration : IMethodRegistration
{
    public IReadOnlyList<string> MethodIds => [CounterfactualStudyMethod.MethodId];

    public void Register(IServiceCollection services, MethodDataFiles files)
    {
        services.AddSingleton<CounterfactualInspector>();
        services.AddSingleton<IEvaluationMethod>(sp =>
            new CounterfactualStudyMethod(sp.GetRequiredService<Values.ValueSystemCatalog>(), sp.GetRequiredService<CounterfactualInspector>()));
    }
}
