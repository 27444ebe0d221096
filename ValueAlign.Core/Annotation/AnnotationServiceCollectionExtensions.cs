using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ValueAlign.Core.Annotation.Adjudication;
using ValueAlign.Core.Annotation.Agreement;
using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Judging;
using ValueAlign.Core.Annotation.Guidelines;
using ValueAlign.Core.Annotation.Projects;
using ValueAlign.Core.Annotation.Quality;

namespace ValueAlign.Core.Annotation;

public static class AnnotationServiceCollectionExtensions
{
    /// <summary>Verification projects and annotator queues. Needs <c>AddValueAlignData</c> first.</summary>
    public static IServiceCollection AddAnnotation(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<VerificationProjectService>();
        services.AddSingleton<AssignmentService>();
        services.AddSingleton<AdjudicationService>();
        services.AddSingleton<VerifiedLabelStore>();
        services.AddSingleton<JudgeLabelStore>();
        services.AddSingleton<JudgeComparisonService>();
        services.AddSingleton<ProjectAgreementService>();
        services.AddSingleton<PeerAnnotations>();
        services.AddSingleton<NextItemViewBuilder>();
        services.AddSingleton<GuidelinesRenderer>();
        services.AddSingleton<ProjectMembershipService>();
        services.AddSingleton<GoldAccuracyQuery>();
        return services;
    }
}
