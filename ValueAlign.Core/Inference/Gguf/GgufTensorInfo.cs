namespace ValueAlign.Core.Inference.Gguf;

/// <summary>
/// One tensor's header entry. <see cref="Dimensions"/> are in ggml order (ne0 first: the
/// fastest-varying axis). <see cref="Offset"/> is relative to the start of the data section.
/// </summary>
public sealed record GgufTensorInfo(string Name, IReadOnlyList<ulong> Dimensions, GgmlType Type, ulong Offset)
{
    public ulong ElementCount
    {
        get
        {
            ulong count = 1;
            foreach (var d in Dimensions)
            {
                count = checked(count * d);
            }
            return count;
        }
    }

    /// <summary>Bytes of tensor data, or null when the type is unknown to this build.</summary>
    public ulong? ByteSize => GgmlTypeLayout.ByteSize(Type, ElementCount);
}
