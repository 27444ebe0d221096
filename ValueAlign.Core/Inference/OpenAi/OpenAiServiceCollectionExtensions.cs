using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValueAlign.Core.Data;
using ValueAlign.Core.Inference.Backends;

namespace ValueAlign.Core.Inference.OpenAi;

public static class OpenAiServiceCollectionExtensions
{
    /// <summary>Registers OpenAI-compatible servers (<c>Backends:Servers</c>, those added on the Models page, or a base URL in a choice) as a model backend.</summary>
    public static IServiceCollection AddOpenAiBackend(this IServiceCollection services, OpenAiBackendOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp => new ServerDirectory(options, sp.GetService<IDbContextFactory<ValueAlignDbContext>>()));
        services.AddSingleton(sp => new ServerAdministration(sp.GetRequiredService<ServerDirectory>(),
            sp.GetRequiredService<IDbContextFactory<ValueAlignDbContext>>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new OpenAiModelBackend(sp.GetRequiredService<ServerDirectory>()));
        services.AddSingleton<IModelBackend>(sp => sp.GetRequiredService<OpenAiModelBackend>());
        return services;
    }
}
