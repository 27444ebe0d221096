using Bunit.TestDoubles;
using ValueAlign.Core.Accounts;

namespace ValueAlign.Tests;

/// <summary>
/// bUnit's authorization double knows roles and policies separately: this gives the signed-in test
/// user its roles and exactly the <see cref="WorkbenchPolicies"/> those roles satisfy, so
/// <c>&lt;AuthorizeView Policy=…&gt;</c> and <see cref="WorkbenchPolicies.Allows"/> agree as they do in the app.
/// Call it where a test would call <c>SetRoles</c> (claims set later are kept).
/// </summary>
public static class BunitWorkbenchRoles
{
    public static BunitAuthorizationContext SetWorkbenchRoles(this BunitAuthorizationContext auth, params string[] roles)
    {
        auth.SetRoles(roles);
        auth.SetPolicies([.. WorkbenchPolicies.PoliciesFor(roles)]);
        return auth;
    }
}
