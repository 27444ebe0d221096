using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.Mova;

/// <summary>The <c>mova</c> evaluation (scores over the value-system catalogue's dimensions).</summary>
public sealed class MovaRegistration : IMethodRegistration
{
    public IReadOnlyList<string> MethodIds => [MovaMethod.MethodId];

    public void Register(IServiceCollection services, MethodDataFiles files) =>
        services.AddSingleton<IEvaluationMethod, MovaMethod>();
}
