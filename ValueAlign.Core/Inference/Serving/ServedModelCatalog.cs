using System.Collections.Concurrent;
using ValueAlign.Core.Inference.Registry;

namespace ValueAlign.Core.Inference.Serving;

/// <summary>
/// The models the API serves: every model loaded in the host that offers token-level access,
/// under its file name without ".gguf" (the file name with it is accepted too).
/// </summary>
public sealed class ServedModelCatalog(ModelHost host)
{
    private readonly Dictionary<ILanguageModel, DateTimeOffset> loadedAt = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<string, Task<string?>> fingerprints = new(StringComparer.Ordinal);

    public IReadOnlyList<ServedModel> List()
    {
        var served = new List<ServedModel>();
        if (host.Model is { } model and ITokenLevelModel tokenLevel)
        {
            served.Add(new ServedModel(model.Description.Name, model, tokenLevel, LoadedAt(model)));
        }
        return served;
    }

    /// <summary>The served model named <paramref name="id"/>, or a 404 naming the loaded ones.</summary>
    public ServedModel Require(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw OpenAiApiException.BadRequest("The request names no model; GET /v1/models lists the loaded ones.", "model");
        }
        var all = List();
        var found = all.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal)
            || string.Equals(m.Id + ".gguf", id, StringComparison.Ordinal));
        return found ?? throw new OpenAiApiException(404,
            $"The model '{id}' is not loaded here. Loaded: {(all.Count == 0 ? "none (load one on the Models page or with Models:Preload)" : string.Join(", ", all.Select(m => m.Id)))}.",
            "model", code: "model_not_found");
    }

    /// <summary>
    /// What clients record as the served model's revision: "sha256:" and the GGUF file's SHA-256
    /// (the model's identity when it has one, else the file hashed once and remembered).
    /// </summary>
    public async Task<string?> FingerprintAsync(ServedModel model, CancellationToken cancellationToken = default)
    {
        if (model.Identity.Sha256 is { Length: > 0 } known)
        {
            return "sha256:" + known;
        }
        var path = model.Model.Description.Path;
        if (!File.Exists(path))
        {
            return null;
        }
        var hash = await fingerprints.GetOrAdd(path, p => HashAsync(p)).ConfigureAwait(false);
        return hash is null ? null : "sha256:" + hash;
    }

    private static async Task<string?> HashAsync(string path)
    {
        try
        {
            return await FileHashing.Sha256Async(path).ConfigureAwait(false);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private DateTimeOffset LoadedAt(ILanguageModel model)
    {
        lock (loadedAt)
        {
            if (!loadedAt.TryGetValue(model, out var at))
            {
                foreach (var gone in loadedAt.Keys.Where(k => !ReferenceEquals(k, host.Model)).ToList())
                {
                    loadedAt.Remove(gone);
                }
                at = DateTimeOffset.UtcNow;
                loadedAt[model] = at;
            }
            return at;
        }
    }
}
