using LLama;

namespace ValueAlign.Core.Inference.LlamaSharp;

/// <summary>A multimodal projector loaded with its language model by libmtmd, and the marker that stands for an image in prompt text.</summary>
internal sealed class LoadedProjector(string path, MtmdWeights weights, string marker) : IDisposable
{
    public string Path { get; } = path;

    public MtmdWeights Weights { get; } = weights;

    /// <summary>Text that marks where an image goes (<c>&lt;__media__&gt;</c> by default); one per image, in order.</summary>
    public string Marker { get; } = marker;

    public void Dispose() => Weights.Dispose();
}
