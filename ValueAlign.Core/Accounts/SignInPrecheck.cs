using Microsoft.AspNetCore.Identity;

namespace ValueAlign.Core.Accounts;

/// <summary>
/// The accounts a sign-in refuses before the password is checked: unknown, disabled and locked.
/// Each refusal still does one password hash, the same work a wrong password costs, so neither the
/// answer nor its timing tells whether an account exists, is disabled or is locked. (Identity's own
/// sign-in returns at once for a locked account, without hashing.)
/// </summary>
public static class SignInPrecheck
{
    /// <summary>True when the sign-in must be refused without checking the password; the hash work is done either way.</summary>
    public static async Task<bool> RefuseAsync(UserManager<AppUser> users, AppUser? user, string? password)
    {
        if (user is not null && !user.IsDisabled && !await users.IsLockedOutAsync(user))
        {
            return false;
        }
        users.PasswordHasher.HashPassword(user ?? new AppUser(), password ?? "");
        return true;
    }
}
