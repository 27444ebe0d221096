namespace ValueAlign.Core.Inference.Backends;

/// <summary>
/// A choice a backend has identified without necessarily loading it: the identity a run records
/// and hashes, what the model can do, and (for local files) its size for the run record.
/// </summary>
public sealed record ResolvedModel(ModelChoice Choice, ModelRef Ref, ModelCapabilities Capabilities, long SizeBytes = 0)
{
    /// <summary>The multimodal projector file a local model loads with (its SHA-256 is in <see cref="Ref"/>), or null.</summary>
    public string? ProjectorFile { get; init; }

    /// <summary>The stable location a run stores to acquire the same model again (path inside the models folder, or <c>model @ endpoint</c>).</summary>
    public string Location => Choice.ToString();
}
