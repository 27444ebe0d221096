using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.LongMab;

public static class LongMabServiceCollectionExtensions
{
    /// <summary>LongMab-PO: the <c>longmab-po</c> generation method, its live feed and pair verification. Needs <c>AddEvaluation</c> and <c>AddAnnotation</c>.</summary>
    public static IServiceCollection AddLongMab(this IServiceCollection services)
    {
        services.TryAddSingleton<LongMabLiveFeed>();
        services.AddSingleton<IEvaluationMethod, LongMabMethod>();
        services.TryAddSingleton<Verification.PreferenceVerificationService>();
        return services;
    }
}
