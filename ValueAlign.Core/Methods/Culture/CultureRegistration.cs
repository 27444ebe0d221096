using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.Culture;

/// <summary>The <c>culture-mcq</c> evaluation (MMA-ASIA protocol).</summary>
public sealed class CultureRegistration : IMethodRegistration
{
    public IReadOnlyList<string> MethodIds => [CultureMcqMethod.MethodId];

    public void Register(IServiceCollection services, MethodDataFiles files) =>
        services.AddSingleton<IEvaluationMethod, CultureMcqMethod>();
}
