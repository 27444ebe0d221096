using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.LegalDelta;

/// <summary>The <c>legal-delta</c> evaluation.</summary>
public sealed class LegalDeltaRegistration : IMethodRegistration
{
    public IReadOnlyList<string> MethodIds => [LegalDeltaMethod.MethodId];

    public void Register(IServiceCollection services, MethodDataFiles files) =>
        services.AddSingleton<IEvaluationMethod, LegalDeltaMethod>();
}
