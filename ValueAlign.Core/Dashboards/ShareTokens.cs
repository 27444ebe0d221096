using System.Security.Cryptography;
using System.Text;

namespace ValueAlign.Core.Dashboards;

/// <summary>Link tokens: 32 random bytes as base64url (43 characters), stored as their SHA-256.</summary>
public static class ShareTokens
{
    public const int TokenBytes = 32;

    public static string Create() => Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    /// <summary>True for a string that could be a token (43 base64url characters); anything else is refused before hashing.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Compares hashes in time independent of where they differ.</summary>
    public static bool Matches(byte[] storedHash, string token) =>
        CryptographicOperations.FixedTimeEquals(storedHash, Hash(token));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
