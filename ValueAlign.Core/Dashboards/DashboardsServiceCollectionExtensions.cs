using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ValueAlign.Core.Dashboards;

public static class DashboardsServiceCollectionExtensions
{
    /// <summary>Dashboards, share links, run report reading and result exports. Needs <c>AddValueAlignData</c> first.</summary>
    public static IServiceCollection AddDashboards(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RunReportReader>();
        services.AddSingleton<DashboardService>();
        services.AddSingleton<RunResultsExporter>();
        return services;
    }
}
