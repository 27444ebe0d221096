using Microsoft.Extensions.DependencyInjection;

namespace ValueAlign.Core.Inference.Serving;

public static class ServingServiceCollectionExtensions
{
    /// <summary>The handlers of the served OpenAI-compatible API over the models loaded in the host.</summary>
    public static IServiceCollection AddOpenAiServing(this IServiceCollection services, ServingOptions options)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<ServedModelCatalog>();
        services.AddSingleton<ServedModelsList>();
        services.AddSingleton<ServedCompletions>();
        services.AddSingleton<ServedChatCompletions>();
        services.AddSingleton<ServedEmbeddings>();
        services.AddSingleton<ServedTokenizer>();
        return services;
    }
}
