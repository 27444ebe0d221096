using Microsoft.Extensions.DependencyInjection;

namespace ValueAlign.Core.Inference.Registry;

public static class ModelRegistryServiceCollectionExtensions
{
    /// <summary>Registers one shared <see cref="ModelRegistry"/> over <paramref name="modelsFolder"/>.</summary>
    public static IServiceCollection AddModelRegistry(this IServiceCollection services, string modelsFolder)
    {
        services.AddSingleton(new ModelRegistry(modelsFolder));
        return services;
    }
}
