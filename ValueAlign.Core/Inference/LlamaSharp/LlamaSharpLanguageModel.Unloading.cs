namespace ValueAlign.Core.Inference.LlamaSharp;

public sealed partial class LlamaSharpLanguageModel : IUnloadableModel
{
    /// <summary>Set before the queue closes and the running request is cancelled, so a caller that sees either failure can tell why.</summary>
    public bool IsUnloaded => Volatile.Read(ref disposed) != 0;
}
