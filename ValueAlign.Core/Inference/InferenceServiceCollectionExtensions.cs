using Microsoft.Extensions.DependencyInjection;

namespace ValueAlign.Core.Inference;

public static class InferenceServiceCollectionExtensions
{
    /// <summary>Registers the shared <see cref="ModelHost"/> with the "Models" settings.</summary>
    public static IServiceCollection AddValueAlignInference(this IServiceCollection services, ModelRuntimeOptions options)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<ModelHost>();
        services.AddSingleton<ModelLibrary>();
        services.AddSingleton<SharedModelAccess>();
        return services;
    }
}
