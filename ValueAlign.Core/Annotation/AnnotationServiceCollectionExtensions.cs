using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ValueAlign.Core.Annotation.Assignment;
using ValueAlign.Core.Annotation.Guidelines;
using ValueAlign.Core.Annotation.Projects;

namespace ValueAlign.Core.Annotation;

public static class AnnotationServiceCollectionExtensions
{
    /// <summary>Verification projects and annotator queues. Needs <c>AddValueAlignData</c> first.</summary>
    public static IServiceCollection AddAnnotation(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<VerificationProjectService>();
        services.AddSingleton<AssignmentService>();
        services.AddSingleton<PeerAnnotations>();
        services.AddSingleton<GuidelinesRenderer>();
        return services;
    }
}
