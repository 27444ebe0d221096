using System.Text.Json;
using System.Text.Json.Serialization;

namespace ValueAlign.Core.Inference;

/// <summary>Where a model lives: a local GGUF file or an OpenAI-compatible server.</summary>
public enum ModelRefKind
{
    LocalFile,
    Server,
}

/// <summary>
/// The identity of a model as a run records it and hashes it into its configuration. A local
/// file is its GGUF SHA-256 (plus the projector's when images go through one); a server model is
/// its base URL, model id and whatever revision or fingerprint the server reports. API keys are
/// never part of it.
/// </summary>
public sealed record ModelRef(
    ModelRefKind Kind,
    string Name,
    string? Sha256 = null,
    string? ProjectorSha256 = null,
    string? BaseUrl = null,
    string? ModelId = null,
    string? Fingerprint = null)
{
    public static ModelRef LocalFile(string fileName, string sha256, string? projectorSha256 = null) =>
        new(ModelRefKind.LocalFile, fileName, sha256, projectorSha256);

    public static ModelRef Server(string baseUrl, string modelId, string? fingerprint = null) =>
        new(ModelRefKind.Server, modelId, BaseUrl: baseUrl.TrimEnd('/'), ModelId: modelId, Fingerprint: fingerprint);

    /// <summary>Stable one-line form for configuration hashes: every identifying field, in a fixed order.</summary>
    [JsonIgnore]
    public string Canonical => Kind switch
    {
        ModelRefKind.LocalFile => $"local;sha256={Sha256};projector-sha256={ProjectorSha256}",
        _ => $"server;url={BaseUrl};model={ModelId};fingerprint={Fingerprint}",
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The form runs store (ModelRefJson, JudgeRefJson): camel-case keys, unset fields left out.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads <see cref="ToJson"/>'s form; throws <see cref="FormatException"/> for anything else.</summary>
    public static ModelRef FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelRef>(json, Json) is { Name: not null } read
                ? read
                : throw new FormatException($"'{json}' is not a model reference.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"'{json}' is not a model reference: {e.Message}", e);
        }
    }

    /// <summary>Short human form: file name and hash prefix, or model id at server.</summary>
    [JsonIgnore]
    public string Display => Kind switch
    {
        ModelRefKind.LocalFile => Sha256 is { Length: > 12 } sha ? $"{Name} ({sha[..12]})" : Name,
        _ => $"{ModelId} @ {BaseUrl}",
    };
}
