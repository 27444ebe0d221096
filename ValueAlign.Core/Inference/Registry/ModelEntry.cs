using ValueAlign.Core.Inference.Gguf;

namespace ValueAlign.Core.Inference.Registry;

/// <summary>
/// One <c>.gguf</c> file in the models folder: its header summary, or why it cannot be used.
/// Exactly one of <see cref="Summary"/> and <see cref="Error"/> is set.
/// </summary>
public sealed record ModelEntry(
    string RelativePath,
    string FullPath,
    long SizeBytes,
    DateTime LastWriteUtc,
    GgufModelSummary? Summary,
    string? Error)
{
    public bool IsUsable => Summary is not null;
}
