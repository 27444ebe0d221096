namespace ValueAlign.Core.Accounts.ApiKeys;

/// <summary>
/// A personal key for the workbench's OpenAI-compatible API. Only the SHA-256 of the secret is
/// stored; the secret is shown once when the key is created. <see cref="Prefix"/> (the first
/// characters of the secret) lets the owner tell keys apart without revealing them.
/// </summary>
public sealed class ApiKey
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The first <see cref="ApiKeySecrets.PrefixLength"/> characters of the secret.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>SHA-256 of the secret's ASCII bytes (32 bytes).</summary>
    public byte[] SecretHash { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    /// <summary>Last successful use, updated at most once a minute.</summary>
    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
