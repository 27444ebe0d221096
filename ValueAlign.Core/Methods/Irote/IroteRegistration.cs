using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Methods.Optimisation;

namespace ValueAlign.Core.Methods.Irote;

/// <summary>IROTE: the <c>irote</c> optimiser, with the shared optimisation services.</summary>
public sealed class IroteRegistration : IMethodRegistration
{
    public IReadOnlyList<string> MethodIds => [IroteMethod.MethodId];

    public void Register(IServiceCollection services, MethodDataFiles files)
    {
        OptimisationServices.AddShared(services, files);
        services.AddSingleton<IEvaluationMethod>(sp => sp.GetRequiredService<IroteMethod>());
    }
}
