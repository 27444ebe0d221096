using Microsoft.Extensions.DependencyInjection;

namespace ValueAlign.Core.Methods;

/// <summary>Every method folder's <see cref="IMethodRegistration"/>, found in this assembly, and the extension methods that apply them.</summary>
public static class MethodRegistrations
{
    /// <summary>One instance of every registration class, by type name.</summary>
    public static IReadOnlyList<IMethodRegistration> All { get; } = typeof(IMethodRegistration).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMethodRegistration).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (IMethodRegistration)Activator.CreateInstance(t)!)
        .ToList();

    /// <summary>
    /// Every method of every folder. Needs <c>AddEvaluation</c>, the value-system catalogue, the
    /// benchmark library and <c>AddAnnotation</c> (LongMab-PO's pair verification).
    /// </summary>
    public static IServiceCollection AddMethods(this IServiceCollection services, MethodDataFiles files)
    {
        foreach (var registration in All)
        {
            registration.Register(services, files);
        }
        return services;
    }

    /// <summary>The methods of one folder (test beds that need only some).</summary>
    public static IServiceCollection AddMethod<TRegistration>(this IServiceCollection services, MethodDataFiles files)
        where TRegistration : IMethodRegistration, new()
    {
        new TRegistration().Register(services, files);
        return services;
    }
}
