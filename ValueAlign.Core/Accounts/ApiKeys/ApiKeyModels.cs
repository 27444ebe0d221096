namespace ValueAlign.Core.Accounts.ApiKeys;

/// <summary>A key as its owner sees it in the list: never the secret.</summary>
public sealed record ApiKeySummary(long Id, string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>A freshly created key: <see cref="Secret"/> is shown once and never stored.</summary>
public sealed record ApiKeyCreated(ApiKeySummary Key, string Secret);

/// <summary>Who a valid key belongs to.</summary>
public sealed record ApiKeyCaller(long KeyId, string UserId, string Email, IReadOnlyList<string> Roles);

public enum ApiKeyRejection
{
    None,
    /// <summary>Malformed, unknown or revoked: 401.</summary>
    Invalid,
    /// <summary>The owner is disabled or holds no role that may use the API (Viewers): 403.</summary>
    NotAllowed,
}

/// <summary>The outcome of checking a presented key.</summary>
public sealed record ApiKeyCheck(ApiKeyCaller? Caller, ApiKeyRejection Rejection, string? Reason)
{
    public static ApiKeyCheck Invalid { get; } = new(null, ApiKeyRejection.Invalid, "The API key is missing, malformed, unknown or revoked.");

    public static ApiKeyCheck NotAllowed(string reason) => new(null, ApiKeyRejection.NotAllowed, reason);
}
