using System.Security.Cryptography;

namespace ValueAlign.Core.Inference.Registry;

/// <summary>SHA-256 of files, streamed (multi-GB models never sit in memory), for reproducible run records.</summary>
public static class FileHashing
{
    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20, useAsync: true);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return Convert.ToHexStringLower(hash);
    }
}
