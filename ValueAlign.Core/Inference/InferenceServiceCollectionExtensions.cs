using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Inference.Backends;

namespace ValueAlign.Core.Inference;

public static class InferenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the shared <see cref="ModelHost"/> with the "Models" settings, the local backend
    /// and the <see cref="ModelBackends"/> registry (other backends register more <see cref="IModelBackend"/>s).
    /// </summary>
    public static IServiceCollection AddValueAlignInference(this IServiceCollection services, ModelRuntimeOptions options)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<ModelHost>();
        services.AddSingleton<ModelLibrary>();
        services.AddSingleton<LocalModelBackend>();
        services.AddSingleton<IModelBackend>(sp => sp.GetRequiredService<LocalModelBackend>());
        services.AddSingleton<ModelBackends>();
        services.AddSingleton<SharedModelAccess>();
        services.AddSingleton<ModelPreloader>();
        return services;
    }

    /// <summary>Loads <c>Models:Preload</c> at start-up (web host only; verbs load what they are given).</summary>
    public static IServiceCollection AddModelPreloadHostedService(this IServiceCollection services) =>
        services.AddHostedService(sp => sp.GetRequiredService<ModelPreloader>());
}
