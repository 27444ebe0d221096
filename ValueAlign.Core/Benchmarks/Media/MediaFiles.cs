namespace ValueAlign.Core.Benchmarks.Media;

/// <summary>
/// Resolves an item's media reference to a file inside the configured media folder and nowhere
/// else: absolute paths, <c>..</c> (also URL-encoded, once or twice) and symbolic links that lead
/// out of the folder are refused.
/// </summary>
public sealed class MediaFiles
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".gif"] = "image/gif",
        [".webp"] = "image/webp", [".svg"] = "image/svg+xml", [".bmp"] = "image/bmp",
        [".mp3"] = "audio/mpeg", [".wav"] = "audio/wav", [".ogg"] = "audio/ogg", [".oga"] = "audio/ogg",
        [".flac"] = "audio/flac", [".m4a"] = "audio/mp4", [".webm"] = "audio/webm",
    };

    private readonly string _root;

    public MediaFiles(string mediaFolder)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mediaFolder));
    }

    public string Root => _root;

    public static string? ContentTypeOf(string path) => ContentTypes.GetValueOrDefault(Path.GetExtension(path));

    public MediaLookup Resolve(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return Rejected("no media reference");
        }
        var decoded = reference;
        for (var i = 0; i < 3 && decoded.Contains('%'); i++)
        {
            decoded = Uri.UnescapeDataString(decoded);
        }
        if (decoded.Contains('\0') || decoded.Contains("://", StringComparison.Ordinal))
        {
            return Rejected("not a path inside the media folder");
        }
        var relative = decoded.Replace('\\', '/');
        if (relative.StartsWith('/') || Path.IsPathRooted(relative) || (relative.Length > 1 && relative[1] == ':'))
        {
            return Rejected("absolute paths are not allowed");
        }
        if (relative.Split('/').Any(segment => segment == ".."))
        {
            return Rejected("'..' is not allowed in media paths");
        }
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        if (!IsInside(full, _root))
        {
            return Rejected("the path leads outside the media folder");
        }
        if (!File.Exists(full))
        {
            return new MediaLookup(null, null, MediaProblem.Missing, $"media file '{relative}' is missing from the media folder");
        }
        // A link inside the folder may point anywhere; compare the real locations.
        var real = RealPath(full);
        var realRoot = RealPath(_root);
        if (!IsInside(real, realRoot))
        {
            return Rejected("the file is a link to somewhere outside the media folder");
        }
        var type = ContentTypeOf(full);
        return type is null
            ? Rejected($"'{Path.GetExtension(full)}' is not a served media type")
            : new MediaLookup(full, type, MediaProblem.None, "");
    }

    private static MediaLookup Rejected(string message) => new(null, null, MediaProblem.Rejected, message);

    private static bool IsInside(string path, string root) =>
        path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every symbolic link along it followed.</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                current = Path.GetFullPath(target.FullName);
            }
        }
        return current;
    }
}
