using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ValueAlign.Core.Values.Objectives.Store;

public static class ObjectiveStoreServiceCollectionExtensions
{
    /// <summary>The saved-objectives store. Needs <c>AddValueAlignData</c> and <c>AddValueSystemCatalog</c> first.</summary>
    public static IServiceCollection AddObjectiveStore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ObjectiveStore>();
        return services;
    }
}
