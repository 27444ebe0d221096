using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Evaluation;

namespace ValueAlign.Core.Methods.LegalDelta;

public static class LegalDeltaServiceCollectionExtensions
{
    /// <summary>The <c>legal-delta</c> evaluation method. Needs <c>AddEvaluation</c>.</summary>
    public static IServiceCollection AddLegalDelta(this IServiceCollection services) =>
        services.AddSingleton<IEvaluationMethod, LegalDeltaMethod>();
}
