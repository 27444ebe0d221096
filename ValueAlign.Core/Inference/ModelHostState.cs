namespace ValueAlign.Core.Inference;

public enum ModelHostStatus
{
    Empty,
    Loading,
    Ready,
    Failed,
}

/// <summary>A snapshot of the model host for pages and CLI output: what is loaded, how big, how busy.</summary>
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
    string? Error);
