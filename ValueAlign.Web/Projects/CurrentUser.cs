using System.Security.Claims;
using ValueAlign.Core.Accounts;

namespace ValueAlign.Web.Projects;

/// <summary>The signed-in user's id (Identity's name-identifier claim) and whether they manage projects.</summary>
public static class CurrentUser
{
    public static string? Id(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static bool ManagesProjects(ClaimsPrincipal user) => WorkbenchPolicies.Allows(user, WorkbenchPolicies.Curate);
}
