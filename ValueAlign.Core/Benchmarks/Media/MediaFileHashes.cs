using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ValueAlign.Core.Benchmarks.Media;

/// <summary>
/// SHA-256 of media files' bytes, for keying results on what a model was shown. A file is read
/// once per (path, size, last write time): replacing an image under the same name (new bytes,
/// new time) is hashed again. A reference that does not resolve hashes as what went wrong
/// (<c>missing:</c> / <c>rejected:</c> and the reference), so it also differs from any file.
/// </summary>
public sealed class MediaFileHashes(MediaFiles media)
{
    private readonly ConcurrentDictionary<(string Path, long Size, DateTime Written), string> _known = new();

    public async Task<string> HashAsync(string reference, CancellationToken cancellationToken = default)
    {
        var lookup = media.Resolve(reference);
        if (!lookup.Found)
            return (lookup.Problem == MediaProblem.Missing ? "missing:" : "rejected:") + reference;
        var file = new FileInfo(lookup.FullPath!);
        var key = (file.FullName, file.Length, file.LastWriteTimeUtc);
        if (_known.TryGetValue(key, out var known))
            return known;
        await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        _known[key] = hash;
        return hash;
    }
}
