using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Evaluation;
using ValueAlign.Core.Methods.Optimisation;
using ValueAlign.Core.Methods.Picaco.Conformity;

namespace ValueAlign.Core.Methods.Picaco;

/// <summary>PICACO: the <c>picaco</c> optimiser and the <c>value-conformity</c> check of its instructions, with the shared optimisation services.</summary>
public sealed class PicacoRegistration : IMethodRegistration
{
    public IReadOnlyList<string> MethodIds => [PicacoMethod.MethodId, ConformityMethod.MethodId];

    public void Register(IServiceCollection services, MethodDataFiles files)
    {
        OptimisationServices.AddShared(services, files);
        services.AddSingleton<IEvaluationMethod>(sp => sp.GetRequiredService<PicacoMethod>());
        services.AddSingleton<IEvaluationMethod, ConformityMethod>();
    }
}
