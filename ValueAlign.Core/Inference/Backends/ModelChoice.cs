namespace ValueAlign.Core.Inference.Backends;

/// <summary>
/// What a user picked as a model: a GGUF file of the models folder, or a model id on an
/// OpenAI-compatible server (<see cref="Endpoint"/> is a configured server's name or its base
/// URL). A <see cref="IModelBackend"/> turns a choice into a <see cref="ModelRef"/> and a loaded
/// <see cref="ILanguageModel"/>. The text form (<see cref="ToString"/>) is what runs store as the
/// model's location and what forms and the CLI accept: a path, or <c>model @ endpoint</c>.
/// </summary>
public sealed record ModelChoice
{
    public const string ServerSeparator = " @ ";

    private ModelChoice(ModelRefKind kind, string model, string? endpoint)
    {
        Kind = kind;
        Model = model;
        Endpoint = endpoint;
    }

    public ModelRefKind Kind { get; }

    /// <summary>The file path (inside the models folder) or the server's model id.</summary>
    public string Model { get; }

    /// <summary>The server's configured name or base URL; null for a local file.</summary>
    public string? Endpoint { get; }

    public static ModelChoice Local(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new(ModelRefKind.LocalFile, path.Trim(), null);
    }

    public static ModelChoice Server(string endpoint, string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return new(ModelRefKind.Server, modelId.Trim(), endpoint.Trim());
    }

    /// <summary>Reads the text form: <c>model @ endpoint</c> is a server model, anything else a local path.</summary>
    public static ModelChoice Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var at = text.LastIndexOf(ServerSeparator, StringComparison.Ordinal);
        return at > 0 && at + ServerSeparator.Length < text.Length
            ? Server(text[(at + ServerSeparator.Length)..], text[..at])
            : Local(text);
    }

    public override string ToString() => Kind == ModelRefKind.LocalFile ? Model : Model + ServerSeparator + Endpoint;
}
