using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.LongMab;

/// <summary>LongMab-PO: the <c>longmab-po</c> generation method, its live feed and pair verification (needs <c>AddAnnotation</c>).</summary>
public sealed class LongMabRegistration : IMethodRegistration
{
    public IReadOnlyList<string> MethodIds => [LongMabMethod.MethodId];

    public void Register(IServiceCollection services, MethodDataFiles files)
    {
        services.TryAddSingleton<LongMabLiveFeed>();
        services.AddSingleton<IEvaluationMethod, LongMabMethod>();
        services.TryAddSingleton<Verification.PreferenceVerificationService>();
    }
}
