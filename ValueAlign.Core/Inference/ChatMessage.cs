namespace ValueAlign.Core.Inference;

/// <summary>
/// One chat turn. Role is "system", "user" or "assistant", as chat templates expect. Images go
/// with the text to backends that have <see cref="ModelCapabilities.Images"/>; other backends
/// never receive them.
/// </summary>
public sealed record ChatMessage(string Role, string Content)
{
    public IReadOnlyList<ImageInput> Images { get; init; } = [];

    public static ChatMessage System(string content) => new("system", content);
    public static ChatMessage User(string content) => new("user", content);
    public static ChatMessage User(string content, IReadOnlyList<ImageInput> images) => new("user", content) { Images = images };
    public static ChatMessage Assistant(string content) => new("assistant", content);
}
