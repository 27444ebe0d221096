using System.Text.Json.Serialization;

namespace ValueAlign.Core.Methods.LongMab;

/// <summary>
/// What an export of preference pairs records about where they came from: the model's identity
/// (name and SHA-256 or server fingerprint), the configuration hash and the configuration it hashes
/// (method settings, seed, items), how many pairs, and whether only human-verified pairs were kept.
/// </summary>
public sealed record PreferenceDataMetadata(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("model_identity")] string ModelIdentity,
    [property: JsonPropertyName("config_hash")] string ConfigHash,
    [property: JsonPropertyName("config")] string ConfigJson,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("pairs")] int Pairs,
    [property: JsonPropertyName("verified_only")] bool VerifiedOnly,
    [property: JsonPropertyName("created_utc")] DateTimeOffset CreatedUtc);
