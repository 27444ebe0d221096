namespace ValueAlign.Core.Inference;

/// <summary>
/// A model that can be taken away while callers hold it (an in-process model unloaded from the
/// Models page). A run checks it after a failed request: a request that failed because the model
/// was unloaded is no result of the model, so the run waits for the model instead of storing it.
/// </summary>
public interface IUnloadableModel
{
    /// <summary>True from the moment an unload begins; every request from then on fails.</summary>
    bool IsUnloaded { get; }
}
