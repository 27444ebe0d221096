using Microsoft.Extensions.DependencyInjection;

namespace ValueAlign.Core.Values;

public static class ValueSystemServiceCollectionExtensions
{
    /// <summary>
    /// Loads every value system in <paramref name="folder"/> now and registers the catalogue as a
    /// singleton. Loading here rather than on first use makes an invalid file fail the host at
    /// start-up with the loader's message, instead of failing the first page that asks.
    /// </summary>
    public static IServiceCollection AddValueSystemCatalog(this IServiceCollection services, string folder)
    {
        services.AddSingleton(new ValueSystemCatalog(folder));
        return services;
    }
}
