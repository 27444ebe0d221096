using System.Collections.Concurrent;
using ValueAlign.Core.Inference.Gguf;

namespace ValueAlign.Core.Inference.Registry;

/// <summary>
/// The <c>.gguf</c> files under the models folder (subfolders included) with their header
/// summaries. Headers are cached by path, size and modification time, so rescanning is cheap.
/// A malformed file becomes an entry with an error; scanning never fails because of one file.
/// Thread-safe: one instance serves all users.
/// </summary>
public sealed class ModelRegistry
{
    private readonly ConcurrentDictionary<string, ModelEntry> _headers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Size, DateTime Modified, string Hash)> _hashes = new(StringComparer.Ordinal);

    public ModelRegistry(string modelsRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelsRoot);
        ModelsRoot = Path.GetFullPath(modelsRoot);
    }

    /// <summary>The configured models folder (absolute).</summary>
    public string ModelsRoot { get; }

    public bool RootExists => Directory.Exists(ModelsRoot);

    /// <summary>All <c>.gguf</c> files, sorted by relative path. Empty when the folder does not exist.</summary>
    public IReadOnlyList<ModelEntry> Scan()
    {
        if (!RootExists)
        {
            return [];
        }
        var root = ModelPaths.RealPath(ModelsRoot);
        var entries = new List<ModelEntry>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in FindModelFiles(root))
        {
            present.Add(path);
            entries.Add(Describe(root, path));
        }
        foreach (var stale in _headers.Keys.Where(k => !present.Contains(k)))
        {
            _headers.TryRemove(stale, out _);
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return entries;
    }

    /// <summary>
    /// <c>*.gguf</c> files (any case) below <paramref name="realRoot"/>. Linked folders are
    /// followed only when their real location is inside the root and not yet visited, so links
    /// can neither leave the folder nor loop. Hidden folders (".cache") are skipped.
    /// </summary>
    private static IEnumerable<string> FindModelFiles(string realRoot)
    {
        var options = new EnumerationOptions { IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive };
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(realRoot);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            string[] files;
            string[] subdirectories;
            try
            {
                var real = ModelPaths.RealPath(directory);
                if (!ModelPaths.IsInside(realRoot, real) || !visited.Add(real))
                {
                    continue;
                }
                files = Directory.GetFiles(directory, "*.gguf", options);
                subdirectories = Directory.GetDirectories(directory, "*", options);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // removed or unreadable during the scan: nothing to list there
            }
            foreach (var file in files)
            {
                yield return file;
            }
            foreach (var subdirectory in subdirectories.OrderByDescending(d => d, StringComparer.Ordinal))
            {
                pending.Push(subdirectory);
            }
        }
    }

    /// <summary>
    /// The entry for one user-supplied path (relative to the models folder, or absolute inside it).
    /// Throws <see cref="UnauthorizedAccessException"/> for paths outside the folder and
    /// <see cref="FileNotFoundException"/> when there is no such file.
    /// </summary>
    public ModelEntry Find(string userPath)
    {
        var real = Resolve(userPath);
        if (!File.Exists(real))
        {
            throw new FileNotFoundException($"No model file '{userPath}' in the models folder '{ModelsRoot}'.", real);
        }
        return Describe(ModelPaths.RealPath(ModelsRoot), real);
    }

    /// <summary>The real path of a user-supplied model path; refuses paths outside the models folder.</summary>
    public string Resolve(string userPath) => ModelPaths.Resolve(ModelsRoot, userPath);

    /// <summary>SHA-256 of a model file (cached by size and modification time), for run records.</summary>
    public async Task<string> Sha256Async(string userPath, CancellationToken cancellationToken = default)
    {
        var real = Resolve(userPath);
        var info = new FileInfo(real);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"No model file '{userPath}' in the models folder '{ModelsRoot}'.", real);
        }
        if (_hashes.TryGetValue(real, out var cached) && cached.Size == info.Length && cached.Modified == info.LastWriteTimeUtc)
        {
            return cached.Hash;
        }
        var hash = await FileHashing.Sha256Async(real, cancellationToken);
        _hashes[real] = (info.Length, info.LastWriteTimeUtc, hash);
        return hash;
    }

    private ModelEntry Describe(string realRoot, string path)
    {
        var relative = ModelPaths.Relative(realRoot, path);
        FileInfo info;
        string real;
        try
        {
            real = ModelPaths.RealPath(path);
            info = new FileInfo(real);
            if (!ModelPaths.IsInside(realRoot, real))
            {
                return new ModelEntry(relative, path, 0, DateTime.MinValue, null,
                    $"{path}: refused, it links to '{real}', which is outside the models folder");
            }
            if (!info.Exists)
            {
                return new ModelEntry(relative, path, 0, DateTime.MinValue, null, $"{path}: file not found (dangling link or deleted during the scan)");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ModelEntry(relative, path, 0, DateTime.MinValue, null, $"{path}: cannot be read: {ex.Message}");
        }

        if (_headers.TryGetValue(path, out var cached) && cached.SizeBytes == info.Length && cached.LastWriteUtc == info.LastWriteTimeUtc && cached.FullPath == real)
        {
            return cached;
        }
        var entry = ReadEntry(relative, real, info);
        _headers[path] = entry;
        return entry;
    }

    private static ModelEntry ReadEntry(string relative, string real, FileInfo info)
    {
        try
        {
            var summary = GgufReader.Read(real).Summarize();
            return new ModelEntry(relative, real, info.Length, info.LastWriteTimeUtc, summary, null);
        }
        catch (GgufFormatException ex)
        {
            return new ModelEntry(relative, real, info.Length, info.LastWriteTimeUtc, null, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ModelEntry(relative, real, info.Length, info.LastWriteTimeUtc, null, $"{real}: cannot be read: {ex.Message}");
        }
    }
}
