namespace ValueAlign.Core.Inference.Registry;

/// <summary>
/// Turns user-supplied model paths into real paths and refuses any that leave the models
/// folder: <c>..</c> segments, absolute paths elsewhere, and symbolic links (in any path
/// component) whose targets lie outside.
/// </summary>
public static class ModelPaths
{
    private const int MaxLinkHops = 40; // as Linux's MAXSYMLINKS

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// The real (symlink-free, absolute) path of <paramref name="userPath"/>, taken relative to
    /// <paramref name="modelsRoot"/> unless absolute. Throws <see cref="UnauthorizedAccessException"/>
    /// when it lies outside the models folder. The file need not exist.
    /// </summary>
    public static string Resolve(string modelsRoot, string userPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelsRoot);
        if (string.IsNullOrWhiteSpace(userPath))
        {
            throw new ArgumentException("A model path is required.", nameof(userPath));
        }
        if (userPath.Contains('\0'))
        {
            throw new ArgumentException("A model path cannot contain a NUL character.", nameof(userPath));
        }
        var root = RealPath(modelsRoot);
        var combined = Path.IsPathRooted(userPath) ? userPath : Path.Combine(modelsRoot, userPath);
        var real = RealPath(combined);
        if (!IsInside(root, real))
        {
            throw new UnauthorizedAccessException(
                $"Model path '{userPath}' is outside the models folder '{root}' (it resolves to '{real}'). Put the model inside the models folder.");
        }
        return real;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or below it (both real paths).</summary>
    public static bool IsInside(string root, string path)
    {
        var trimmedRoot = Path.TrimEndingDirectorySeparator(root);
        if (string.Equals(trimmedRoot, Path.TrimEndingDirectorySeparator(path), PathComparison))
        {
            return true;
        }
        return path.StartsWith(trimmedRoot + Path.DirectorySeparatorChar, PathComparison)
            || (Path.AltDirectorySeparatorChar != Path.DirectorySeparatorChar && path.StartsWith(trimmedRoot + Path.AltDirectorySeparatorChar, PathComparison));
    }

    /// <summary>
    /// Absolute path with <c>.</c>/<c>..</c> removed and every symbolic link component replaced
    /// by its final target. Components that do not exist are kept as written. <c>..</c> is
    /// applied before links are followed (as .NET's Path.GetFullPath does), and callers open the
    /// returned path, so the path that was checked is the path that is opened.
    /// </summary>
    public static string RealPath(string path) => RealPath(path, 0);

    private static string RealPath(string path, int hops)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "";
        var current = root;
        var segments = full[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        foreach (var segment in segments)
        {
            var candidate = Path.Combine(current, segment);
            var info = new FileInfo(candidate);
            if (info.LinkTarget is null)
            {
                current = candidate;
                continue;
            }
            if (++hops > MaxLinkHops)
            {
                throw new IOException($"Too many levels of symbolic links resolving '{path}'.");
            }
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            // The target may itself sit under linked directories; resolve it fully.
            current = target is null ? candidate : RealPath(target.FullName, hops);
        }
        return current;
    }

    /// <summary>Path of <paramref name="fullPath"/> relative to the models root, with '/' separators.</summary>
    public static string Relative(string root, string fullPath) =>
        Path.GetRelativePath(root, fullPath).Replace(Path.DirectorySeparatorChar, '/');
}
