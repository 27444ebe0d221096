using System.Text.RegularExpressions;

namespace ValueAlign.Core.Inference.Registry;

/// <summary>
/// Pairs a GGUF language model with its multimodal projector (<c>mmproj-*.gguf</c>, the vision
/// encoder libmtmd loads next to the model). The rule, first match wins:
/// <list type="number">
/// <item>an explicit <c>Models:Projectors</c> entry for the model (its file name or its path in the
/// models folder) names a projector file relative to the model's folder, or <c>none</c>;</item>
/// <item><c>mmproj-&lt;model file name&gt;</c> in the model's folder
/// (<c>llava-7b.Q4_K_M.gguf</c> ↔ <c>mmproj-llava-7b.Q4_K_M.gguf</c>);</item>
/// <item><c>mmproj-&lt;prefix&gt;[-&lt;precision&gt;].gguf</c> in the model's folder, where the
/// precision suffix (<c>f16</c>, <c>bf16</c>, <c>f32</c>, <c>q8_0</c>, ...) is dropped and the
/// model's file name starts with the prefix followed by <c>-</c>, <c>.</c> or <c>_</c>
/// (<c>SmolVLM-256M-Instruct-Q4_K_M.gguf</c> ↔ <c>mmproj-SmolVLM-256M-Instruct-f16.gguf</c>);
/// the longest prefix wins.</item>
/// </list>
/// Names compare case-insensitively. A projector must lie inside the model's folder.
/// </summary>
public static partial class ProjectorPairing
{
    public const string None = "none";

    /// <summary>Projector files are the <c>.gguf</c> files whose name starts with <c>mmproj</c>.</summary>
    public static bool IsProjectorFile(string path) =>
        System.IO.Path.GetFileName(path).StartsWith("mmproj", StringComparison.OrdinalIgnoreCase)
        && path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The projector for the model at <paramref name="modelPath"/>, or null when it has none.
    /// Throws <see cref="ModelLoadException"/> when an explicit entry names a file that does not exist
    /// or lies outside the model's folder.
    /// </summary>
    public static ProjectorMatch? Find(string modelPath, IReadOnlyDictionary<string, string>? explicitPairs)
    {
        var model = System.IO.Path.GetFullPath(modelPath);
        if (IsProjectorFile(model))
        {
            return null;
        }
        var folder = System.IO.Path.GetDirectoryName(model)!;
        if (Explicit(model, explicitPairs) is { } setting)
        {
            return setting.Equals(None, StringComparison.OrdinalIgnoreCase) ? null : new ProjectorMatch(ExplicitPath(model, folder, setting), ProjectorRule.Explicit);
        }
        if (!Directory.Exists(folder))
        {
            return null;
        }
        var stem = System.IO.Path.GetFileNameWithoutExtension(model);
        var candidates = Directory.EnumerateFiles(folder, "*.gguf", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive })
            .Where(IsProjectorFile).Order(StringComparer.Ordinal).ToList();
        var exact = candidates.FirstOrDefault(c => string.Equals(ProjectorStem(c), stem, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return new ProjectorMatch(exact, ProjectorRule.ExactName);
        }
        var prefixed = candidates
            .Select(c => (Path: c, Base: WithoutPrecision(ProjectorStem(c))))
            .Where(c => c.Base.Length > 0 && StartsWithName(stem, c.Base))
            .OrderByDescending(c => c.Base.Length).ThenBy(c => c.Path, StringComparer.Ordinal)
            .FirstOrDefault();
        return prefixed.Path is null ? null : new ProjectorMatch(prefixed.Path, ProjectorRule.NamePrefix);
    }

    /// <summary>The projector's name without <c>mmproj</c>, its separator and <c>.gguf</c>.</summary>
    private static string ProjectorStem(string path)
    {
        var stem = System.IO.Path.GetFileNameWithoutExtension(path)[6..];
        return stem.Length > 0 && stem[0] is '-' or '_' or '.' ? stem[1..] : stem;
    }

    private static string WithoutPrecision(string stem)
    {
        var match = PrecisionSuffix().Match(stem);
        return match.Success ? stem[..match.Index] : stem;
    }

    private static bool StartsWithName(string stem, string prefix) =>
        stem.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        && (stem.Length == prefix.Length || stem[prefix.Length] is '-' or '.' or '_');

    private static string? Explicit(string model, IReadOnlyDictionary<string, string>? pairs)
    {
        if (pairs is null || pairs.Count == 0)
        {
            return null;
        }
        var normalized = model.Replace('\\', '/');
        // The longest key that names the model (by file name or trailing path) wins.
        return pairs
            .Where(p => !string.IsNullOrWhiteSpace(p.Key) && !string.IsNullOrWhiteSpace(p.Value))
            .Select(p => (Key: p.Key.Replace('\\', '/').TrimStart('/'), p.Value))
            .Where(p => normalized.EndsWith("/" + p.Key, StringComparison.Ordinal))
            .OrderByDescending(p => p.Key.Length)
            .Select(p => p.Value.Trim())
            .FirstOrDefault();
    }

    private static string ExplicitPath(string model, string folder, string setting)
    {
        var relative = setting.Replace('\\', '/');
        if (System.IO.Path.IsPathRooted(relative) || relative.Split('/').Contains(".."))
        {
            throw new ModelLoadException(model, $"Models:Projectors names '{setting}' for it; give the projector's path relative to the model's folder (no '..', not absolute).");
        }
        var path = ModelPaths.RealPath(System.IO.Path.Combine(folder, relative));
        if (!ModelPaths.IsInside(ModelPaths.RealPath(folder), path))
        {
            throw new ModelLoadException(model, $"Models:Projectors names '{setting}', which leads outside the model's folder.");
        }
        if (!File.Exists(path))
        {
            throw new ModelLoadException(model, $"Models:Projectors names the projector '{setting}', which is not in the model's folder '{folder}'.");
        }
        return path;
    }

    [GeneratedRegex(@"[-_.](f16|f32|bf16|fp16|fp32|q\d(_[a-z0-9]+)*|iq\d(_[a-z0-9]+)*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PrecisionSuffix();
}
