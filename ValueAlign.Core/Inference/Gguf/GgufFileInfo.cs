namespace ValueAlign.Core.Inference.Gguf;

/// <summary>Everything in a GGUF file except the tensor data itself.</summary>
public sealed class GgufFileInfo
{
    internal GgufFileInfo(
        string path,
        uint version,
        IReadOnlyList<KeyValuePair<string, GgufValue>> metadataInOrder,
        IReadOnlyList<GgufTensorInfo> tensors,
        uint alignment,
        long dataOffset,
        long fileSize)
    {
        Path = path;
        Version = version;
        MetadataInOrder = metadataInOrder;
        Metadata = metadataInOrder.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        Tensors = tensors;
        Alignment = alignment;
        DataOffset = dataOffset;
        FileSize = fileSize;
    }

    public string Path { get; }

    public uint Version { get; }

    public int TensorCount => Tensors.Count;

    /// <summary>Metadata in file order (the writer preserves it; tests compare it).</summary>
    public IReadOnlyList<KeyValuePair<string, GgufValue>> MetadataInOrder { get; }

    public IReadOnlyDictionary<string, GgufValue> Metadata { get; }

    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary><c>general.alignment</c>, or the format default of 32.</summary>
    public uint Alignment { get; }

    /// <summary>Absolute byte offset where the tensor data section begins.</summary>
    public long DataOffset { get; }

    public long FileSize { get; }

    /// <summary>Sum of all tensors' element counts.</summary>
    public ulong ParameterCount
    {
        get
        {
            ulong total = 0;
            foreach (var t in Tensors)
            {
                total += t.ElementCount;
            }
            return total;
        }
    }

    /// <summary>The architecture, context size, tokenizer etc. Throws when required keys are missing.</summary>
    public GgufModelSummary Summarize() => GgufModelSummary.From(this);
}
