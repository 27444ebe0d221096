using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.Honesty;

/// <summary>The <c>honesty</c> evaluation (MoHoBench).</summary>
public sealed class HonestyRegistration : IMethodRegistration
{
    public IReadOnlyList<string> MethodIds => [HonestyMethod.MethodId];

    public void Register(IServiceCollection services, MethodDataFiles files) =>
        services.AddSingleton<IEvaluationMethod, HonestyMethod>();
}
