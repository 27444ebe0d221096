using System.Security.Claims;

namespace ValueAlign.Core.Accounts;

/// <summary>
/// The one authorization model of the workbench: every page, endpoint and guarded service
/// operation names one of these policies. The web host registers each as an ASP.NET Core
/// authorization policy (<c>[Authorize(Policy = WorkbenchPolicies.RunRead)]</c>,
/// <c>.RequireAuthorization(WorkbenchPolicies.RunRead)</c>, <c>&lt;AuthorizeView Policy=…&gt;</c>);
/// Core services re-check the same rule with <see cref="Demand"/>, so a hidden button is never the
/// only guard. Route tests enumerate every route and fail when one names no policy from this list.
/// </summary>
public static class WorkbenchPolicies
{
    /// <summary>Any signed-in account: the library, value systems, objectives (read), model list.</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>Use the shared model: playground, option scoring, counterfactuals.</summary>
    public const string ModelUse = "ModelUse";

    /// <summary>Load and unload the shared model (it serves every user).</summary>
    public const string ModelAdmin = "ModelAdmin";

    /// <summary>Read runs and everything made from them: run pages, result downloads, HTML exports, comparison, dashboards.</summary>
    public const string RunRead = "RunRead";

    /// <summary>Start, cancel and resume runs.</summary>
    public const string RunWrite = "RunWrite";

    /// <summary>Change shared data: imports, projects, adjudication, objectives, dashboards.</summary>
    public const string Curate = "Curate";

    /// <summary>Label items in the annotation projects one is a member of (membership is checked by the project services).</summary>
    public const string Annotate = "Annotate";

    /// <summary>Read a project's agreement statistics (no annotator identities for Viewers).</summary>
    public const string AgreementRead = "AgreementRead";

    /// <summary>Hold API keys for the served OpenAI-compatible API (not Viewers: they read results, they do not call models).</summary>
    public const string ApiKeys = "ApiKeys";

    /// <summary>Create accounts, set roles, disable accounts.</summary>
    public const string UserAdmin = "UserAdmin";

    /// <summary>Add, change, test and remove the OpenAI-compatible servers every user's runs can use (Models page).</summary>
    public const string ServerAdmin = "ServerAdmin";

    private static readonly Dictionary<string, string[]> RolesByPolicy = new(StringComparer.Ordinal)
    {
        [SignedIn] = [.. Roles.All],
        [ModelUse] = [Roles.Admin, Roles.Curator],
        [ModelAdmin] = [Roles.Admin, Roles.Curator],
        [RunRead] = [Roles.Admin, Roles.Curator, Roles.Viewer],
        [RunWrite] = [Roles.Admin, Roles.Curator],
        [Curate] = [Roles.Admin, Roles.Curator],
        [Annotate] = [Roles.Admin, Roles.Curator, Roles.Annotator],
        [AgreementRead] = [Roles.Admin, Roles.Curator, Roles.Viewer],
        [ApiKeys] = [Roles.Admin, Roles.Curator, Roles.Annotator],
        [UserAdmin] = [Roles.Admin],
        [ServerAdmin] = [Roles.Admin],
    };

    /// <summary>Every policy name, in declaration order.</summary>
    public static IReadOnlyCollection<string> All => RolesByPolicy.Keys;

    /// <summary>The roles a policy admits (any one of them suffices). Throws for an unknown name.</summary>
    public static IReadOnlyList<string> RolesOf(string policy) =>
        RolesByPolicy.TryGetValue(policy, out var roles)
            ? roles
            : throw new ArgumentException($"'{policy}' is not a workbench policy; add it to {nameof(WorkbenchPolicies)}.", nameof(policy));

    /// <summary>True when <paramref name="user"/> is signed in and holds a role the policy admits.</summary>
    public static bool Allows(ClaimsPrincipal? user, string policy) =>
        user?.Identity?.IsAuthenticated == true && RolesOf(policy).Any(user.IsInRole);

    /// <summary>The policies an account with <paramref name="roles"/> satisfies.</summary>
    public static IReadOnlyList<string> PoliciesFor(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return RolesByPolicy.Where(p => p.Value.Any(held.Contains)).Select(p => p.Key).ToList();
    }

    /// <summary>Throws <see cref="WorkbenchAccessDeniedException"/> unless <paramref name="user"/> satisfies <paramref name="policy"/>.</summary>
    public static void Demand(ClaimsPrincipal? user, string policy)
    {
        if (!Allows(user, policy))
        {
            throw new WorkbenchAccessDeniedException(policy);
        }
    }
}

/// <summary>A service operation refused because the caller's roles do not satisfy its policy.</summary>
public sealed class WorkbenchAccessDeniedException(string policy)
    : UnauthorizedAccessException($"Your roles do not allow this ({policy}: {string.Join(", ", WorkbenchPolicies.RolesOf(policy))}).")
{
    public string Policy { get; } = policy;
}
