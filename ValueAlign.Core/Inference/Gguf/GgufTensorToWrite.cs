using System.Runtime.InteropServices;

namespace ValueAlign.Core.Inference.Gguf;

/// <summary>
/// A tensor for <see cref="GgufWriter"/>: its header entry plus a callback that writes exactly
/// its data bytes when the writer reaches it (so large models are never held in memory whole).
/// </summary>
public sealed record GgufTensorToWrite(string Name, IReadOnlyList<ulong> Dimensions, GgmlType Type, Action<Stream> WriteData)
{
    public ulong ElementCount => Dimensions.Aggregate(1UL, (product, d) => checked(product * d));

    public ulong ByteSize => GgmlTypeLayout.ByteSize(Type, ElementCount)
        ?? throw new InvalidOperationException($"Cannot write tensor '{Name}': ggml type {Type} has no known layout.");

    /// <summary>An F32 tensor whose values <paramref name="values"/> produces on demand.</summary>
    public static GgufTensorToWrite F32(string name, IReadOnlyList<ulong> dimensions, Func<float[]> values) =>
        new(name, dimensions, GgmlType.F32, stream => WriteFloats(stream, values()));

    private static void WriteFloats(Stream stream, float[] values)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Writing GGUF tensors needs a little-endian machine.");
        }
        stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }
}
