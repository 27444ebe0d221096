using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ValueAlign.Core.Start;

public static class StartPageServiceCollectionExtensions
{
    /// <summary>The start page's status service. Needs data, inference, the OpenAI backend, annotation, dashboards and evaluation.</summary>
    public static IServiceCollection AddStartPage(this IServiceCollection services)
    {
        services.TryAddSingleton<StartPageService>();
        return services;
    }
}
