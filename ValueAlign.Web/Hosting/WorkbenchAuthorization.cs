using Microsoft.AspNetCore.Authorization;
using ValueAlign.Core.Accounts;

namespace ValueAlign.Web.Hosting;

/// <summary>
/// Registers every <see cref="WorkbenchPolicies"/> policy, in one place, as a role requirement.
/// No fallback policy: the static-file fallback endpoint of the build's web assets must stay open
/// for the sign-in page's styles; instead RouteRulesTests fails on any route without a named rule.
/// </summary>
public static class WorkbenchAuthorization
{
    public static IServiceCollection AddWorkbenchAuthorization(this IServiceCollection services) =>
        services.AddAuthorization(options =>
        {
            foreach (var policy in WorkbenchPolicies.All)
            {
                options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(WorkbenchPolicies.RolesOf(policy)));
            }
        });
}
