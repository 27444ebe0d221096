using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.Dilemmas;

/// <summary>The <c>dilemmas</c> evaluation (moral frameworks).</summary>
public sealed class DilemmasRegistration : IMethodRegistration
{
    public IReadOnlyList<string> MethodIds => [DilemmaMethod.MethodId];

    public void Register(IServiceCollection services, MethodDataFiles files) =>
        services.AddSingleton<IEvaluationMethod, DilemmaMethod>();
}
