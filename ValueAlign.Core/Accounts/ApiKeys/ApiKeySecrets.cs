using System.Security.Cryptography;
using System.Text;

namespace ValueAlign.Core.Accounts.ApiKeys;

/// <summary>API key secrets: "va-" and 32 random bytes as base64url (46 characters), stored as their SHA-256.</summary>
public static class ApiKeySecrets
{
    public const string Scheme = "va-";
    public const int PrefixLength = 10;
    private const int SecretLength = 46;

    public static string Create() =>
        Scheme + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));

    /// <summary>True for a string that could be a key; anything else is refused before hashing or a database look-up.</summary>
    public static bool IsWellFormed(string? secret) =>
        secret is { Length: SecretLength } && secret.StartsWith(Scheme, StringComparison.Ordinal)
        && secret.AsSpan(Scheme.Length).ToArray().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
