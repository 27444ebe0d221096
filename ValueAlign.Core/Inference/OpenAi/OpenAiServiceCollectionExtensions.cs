using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Inference.Backends;

namespace ValueAlign.Core.Inference.OpenAi;

public static class OpenAiServiceCollectionExtensions
{
    /// <summary>Registers OpenAI-compatible servers (<c>Backends:Servers</c>, or a base URL in a choice) as a model backend.</summary>
    public static IServiceCollection AddOpenAiBackend(this IServiceCollection services, OpenAiBackendOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<OpenAiModelBackend>();
        services.AddSingleton<IModelBackend>(sp => sp.GetRequiredService<OpenAiModelBackend>());
        return services;
    }
}
