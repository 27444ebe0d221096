using Microsoft.AspNetCore.Identity;

namespace ValueAlign.Core.Accounts;

/// <summary>A workbench account. Identity stores the password hash, lockout and roles.</summary>
public class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Disabled accounts cannot sign in; existing sessions are ended on the next security-stamp check.</summary>
    public bool IsDisabled { get; set; }
}
