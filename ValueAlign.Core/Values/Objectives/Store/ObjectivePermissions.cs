using System.Security.Claims;
using ValueAlign.Core.Accounts;

namespace ValueAlign.Core.Values.Objectives.Store;

/// <summary>
/// Who may do what with saved objectives. Everyone signed in may read them (a Viewer studies the
/// objectives a study used). Curators and Admins create and change them. Deleting loses every
/// version, so it is open to Curators and Admins, who look after the shared collection, and to the
/// objective's owner (its creator) even if their role was later lowered, since it is their own work.
/// </summary>
public static class ObjectivePermissions
{
    /// <summary>Editing follows <see cref="WorkbenchPolicies.Curate"/>, the policy the editing pages carry.</summary>
    public static bool MayEdit(ClaimsPrincipal user) => WorkbenchPolicies.Allows(user, WorkbenchPolicies.Curate);

    public static bool MayDelete(ObjectiveSummary objective, ClaimsPrincipal user) =>
        MayEdit(user) || (user.Identity?.Name is { Length: > 0 } name && name == objective.CreatedBy);
}
