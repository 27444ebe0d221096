using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ValueAlign.Core.Data;

namespace ValueAlign.Core.Accounts;

/// <summary>
/// Account management shared by the Admin page, the first-run setup and the `users` verb.
/// Passwords are hashed and validated by Identity; roles are created on demand. Creating a user
/// (with its role), creating the first Admin and changing roles each run in one database
/// transaction on the context the Identity stores share, so a failure leaves no half-made account.
/// </summary>
public sealed class UserAdministration(UserManager<AppUser> users, RoleManager<IdentityRole> roles, ValueAlignDbContext db, TimeProvider? clock = null)
{

    public Task<bool> AnyUserExistsAsync(CancellationToken cancellationToken = default) =>
        users.Users.AnyAsync(cancellationToken);

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var result = new List<UserSummary>(all.Count);
        foreach (var user in all)
        {
            var userRoles = await users.GetRolesAsync(user);
            result.Add(new UserSummary(
                user.Id,
                user.Email ?? user.UserName ?? user.Id,
                user.DisplayName,
                userRoles.OrderBy(r => Roles.All.ToList().IndexOf(r)).ToList(),
                user.IsDisabled,
                await users.IsLockedOutAsync(user) && !user.IsDisabled,
                user.CreatedAt));
        }
        return result;
    }

    public Task<AccountResult> CreateAsync(string email, string password, string role, string? displayName = null) =>
        InTransactionAsync(() => CreateInCurrentTransactionAsync(email, password, role, displayName));

    private async Task<AccountResult> CreateInCurrentTransactionAsync(string email, string password, string role, string? displayName)
    {
        var canonicalRole = Roles.Normalize(role);
        if (canonicalRole is null)
        {
            return AccountResult.Fail($"Unknown role '{role}'. Use one of: {string.Join(", ", Roles.All)}.");
        }
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@'))
        {
            return AccountResult.Fail($"'{email}' is not an email address.");
        }
        email = email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return AccountResult.Fail($"A user with email {email} already exists.");
        }

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, LockoutEnabled = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return FromIdentity(created);
        }
        await EnsureRoleExistsAsync(canonicalRole);
        return FromIdentity(await users.AddToRoleAsync(user, canonicalRole));
    }

    /// <summary>
    /// Creates the first Admin, but only while the database has no user at all: the setup page
    /// is anonymous, so this check is what keeps it from being a back door. The
    /// <see cref="SetupClaim.FirstAdmin"/> row, inserted in the same transaction, is the lock that
    /// holds across processes: a second creator's insert fails on the primary key.
    /// </summary>
    public async Task<AccountResult> CreateFirstAdminAsync(string email, string password)
    {
        const string Exists = "An account already exists; sign in instead.";
        if (await AnyUserExistsAsync())
        {
            return AccountResult.Fail(Exists);
        }
        try
        {
            return await InTransactionAsync(async () =>
            {
                db.SetupClaims.Add(new SetupClaim { Key = SetupClaim.FirstAdmin, ClaimedAt = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync();
                if (await AnyUserExistsAsync())
                {
                    return AccountResult.Fail(Exists);
                }
                return await CreateInCurrentTransactionAsync(email, password, Roles.Admin, null);
            });
        }
        catch (DbUpdateException)
        {
            return AccountResult.Fail(Exists);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public Task<AccountResult> SetRolesAsync(string userId, IEnumerable<string> newRoles) =>
        InTransactionAsync(() => SetRolesInCurrentTransactionAsync(userId, newRoles));

    private async Task<AccountResult> SetRolesInCurrentTransactionAsync(string userId, IEnumerable<string> newRoles)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return AccountResult.Fail($"No user with id {userId}.");
        }
        var wanted = new List<string>();
        foreach (var role in newRoles)
        {
            var canonical = Roles.Normalize(role);
            if (canonical is null)
            {
                return AccountResult.Fail($"Unknown role '{role}'.");
            }
            wanted.Add(canonical);
        }
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin) && await CountActiveAdminsAsync() <= 1)
        {
            return AccountResult.Fail("This is the last active Admin; make another Admin first.");
        }
        foreach (var role in wanted)
        {
            await EnsureRoleExistsAsync(role);
        }
        var removed = await users.RemoveFromRolesAsync(user, current.Except(wanted));
        if (!removed.Succeeded)
        {
            return FromIdentity(removed);
        }
        var added = await users.AddToRolesAsync(user, wanted.Except(current));
        if (!added.Succeeded)
        {
            return FromIdentity(added);
        }
        // A new stamp makes the signed-in session pick up the new roles at the next validation.
        return FromIdentity(await users.UpdateSecurityStampAsync(user));
    }

    public async Task<AccountResult> SetDisabledAsync(string userId, bool disabled)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return AccountResult.Fail($"No user with id {userId}.");
        }
        if (disabled && await users.IsInRoleAsync(user, Roles.Admin) && await CountActiveAdminsAsync() <= 1)
        {
            return AccountResult.Fail("This is the last active Admin; it cannot be disabled.");
        }
        user.IsDisabled = disabled;
        user.LockoutEnabled = true;
        user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return FromIdentity(updated);
        }
        if (!disabled)
        {
            await users.ResetAccessFailedCountAsync(user);
        }
        return FromIdentity(await users.UpdateSecurityStampAsync(user));
    }

    /// <summary>Runs <paramref name="work"/> in one transaction, committed only when it succeeds.</summary>
    private async Task<AccountResult> InTransactionAsync(Func<Task<AccountResult>> work)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await work();
        if (result.Succeeded)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
        }
        return result;
    }

    private async Task<int> CountActiveAdminsAsync()
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        return admins.Count(a => !a.IsDisabled);
    }

    private async Task EnsureRoleExistsAsync(string role)
    {
        if (!await roles.RoleExistsAsync(role))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
    }

    private static AccountResult FromIdentity(IdentityResult result) =>
        result.Succeeded ? AccountResult.Ok : new AccountResult(false, result.Errors.Select(e => e.Description).ToList());
}
