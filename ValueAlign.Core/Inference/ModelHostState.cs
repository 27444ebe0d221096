namespace ValueAlign.Core.Inference;

public enum ModelHostStatus
{
    Empty,
    Loading,
    Ready,
    Failed,
}

/// <summary>A snapshot of the model host (or of one loaded model) for pages and CLI output: what is loaded, how big, how busy.</summary>
public sealed record ModelHostState(
    ModelHostStatus Status,
    string? ModelPath,
    ModelDescription? Description,
    long WeightsBytes,
    long KvCacheBytes,
    long ProcessWorkingSetBytes,
    int QueuedRequests,
    bool Busy,
    float LoadProgress,
    string? Error)
{
    /// <summary>True for the model that pages and verbs naming no model use.</summary>
    public bool IsDefault { get; init; }

    /// <summary>The loaded model's identity (file SHA-256 once hashed).</summary>
    public ModelRef? Identity { get; init; }

    /// <summary>What the loaded model can do (images only with a projector).</summary>
    public ModelCapabilities Capabilities { get; init; }
}
