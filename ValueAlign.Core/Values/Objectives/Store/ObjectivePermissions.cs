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
    /// <summary>The roles the editing pages are authorised for, in <c>[Authorize(Roles = ...)]</c> form.</summary>
    public const string EditorRoles = Roles.Admin + "," + Roles.Curator;

    public static bool MayEdit(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Curator);

    public static bool MayDelete(ObjectiveSummary objective, ClaimsPrincipal user) =>
        MayEdit(user) || (user.Identity?.Name is { Length: > 0 } name && name == objective.CreatedBy);
}
