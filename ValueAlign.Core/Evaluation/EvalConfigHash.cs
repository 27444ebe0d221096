using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ValueAlign.Core.Evaluation;

/// <summary>
/// SHA-256 of everything that determines a run's per-item results: method id and version, the
/// evaluated model's identity (<see cref="Inference.ModelRef.Canonical"/>), the judge's (when the
/// method judges), canonical item filter, canonical parameters, seed and system prompt: the run's
/// cache key. <see cref="WithContent"/> adds the selected items' content for the configuration
/// hash. The run's name, creator and model path are deliberately left out: the same file under
/// another name is the same model.
/// </summary>
public static class EvalConfigHash
{
    public static string Compute(string method, int methodVersion, string model, string canonicalFilterJson, string canonicalParametersJson, int seed, string? judge = null, string? systemPrompt = null)
    {
        // One field a line, each prefixed by its name, so no two different configurations can
        // produce the same text by shifting characters between fields.
        var text = new StringBuilder()
            .Append("method=").Append(method).Append('\n')
            .Append("method-version=").Append(methodVersion.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("model=").Append(model).Append('\n')
            .Append("judge=").Append(judge ?? "none").Append('\n')
            .Append("filter=").Append(canonicalFilterJson).Append('\n')
            .Append("parameters=").Append(canonicalParametersJson).Append('\n')
            .Append("seed=").Append(seed.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .ToString();
        if (systemPrompt is not null)
        {
            // Only runs with a system prompt get this line, so earlier runs keep their hashes; the
            // prompt is hashed first because it may span lines.
            text += "system-prompt-sha256=" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(systemPrompt))) + "\n";
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// The run's configuration hash: the configuration without content (<paramref name="cacheKey"/>,
    /// from <see cref="Compute"/>) and the digest of the selected items' content keys
    /// (<see cref="Caching.ItemContentKeys.Digest"/>), so an item edited under the same id changes it.
    /// </summary>
    public static string WithContent(string cacheKey, string itemsDigest) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"configuration={cacheKey}\nitems-sha256={itemsDigest}\n")));
}
