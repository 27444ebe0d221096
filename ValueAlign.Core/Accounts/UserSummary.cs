namespace ValueAlign.Core.Accounts;

public sealed record UserSummary(
    string Id,
    string Email,
    string? DisplayName,
    IReadOnlyList<string> Roles,
    bool IsDisabled,
    bool IsLockedOut,
    DateTimeOffset CreatedAt);
