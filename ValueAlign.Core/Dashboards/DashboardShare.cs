namespace ValueAlign.Core.Dashboards;

/// <summary>
/// A read-only link to a dashboard. Only the SHA-256 of the link token is stored: the token
/// itself is shown once when the link is created, so a database leak does not leak live links.
/// </summary>
public sealed class DashboardShare
{
    public long Id { get; set; }

    public long DashboardId { get; set; }

    /// <summary>SHA-256 of the token's ASCII bytes (32 bytes).</summary>
    public byte[] TokenHash { get; set; } = [];

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public bool IsActiveAt(DateTime utcNow) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > utcNow);
}
