using System.Buffers.Binary;
using System.Text;

namespace ValueAlign.Core.Inference.Gguf;

/// <summary>
/// Writes GGUF version 3 files: header, metadata in the given order, tensor infos, then each
/// tensor's data padded to <c>general.alignment</c> (32 unless the metadata says otherwise).
/// <see cref="SyntheticLlamaModel"/> uses it to write small llama models for tests and benchmarks.
/// </summary>
public static class GgufWriter
{
    public const uint Version = 3;

    /// <summary>
    /// Writes to a temporary file beside <paramref name="path"/> and renames it into place, so a
    /// failed or interrupted write never leaves a half-written model under the final name.
    /// </summary>
    public static void WriteFile(string path, IReadOnlyList<KeyValuePair<string, GgufValue>> metadata, IReadOnlyList<GgufTensorToWrite> tensors)
    {
        var partial = path + ".partial";
        try
        {
            using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20))
            {
                Write(stream, metadata, tensors);
            }
            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    public static void Write(Stream stream, IReadOnlyList<KeyValuePair<string, GgufValue>> metadata, IReadOnlyList<GgufTensorToWrite> tensors)
    {
        var alignment = AlignmentOf(metadata);
        var output = new CountingWriter(stream);

        output.UInt32(GgufReader.Magic);
        output.UInt32(Version);
        output.UInt64((ulong)tensors.Count);
        output.UInt64((ulong)metadata.Count);
        foreach (var (key, value) in metadata)
        {
            output.String(key);
            output.UInt32((uint)value.Type);
            WriteValue(output, value);
        }

        ulong offset = 0;
        foreach (var tensor in tensors)
        {
            output.String(tensor.Name);
            output.UInt32((uint)tensor.Dimensions.Count);
            foreach (var d in tensor.Dimensions)
            {
                output.UInt64(d);
            }
            output.UInt32((uint)tensor.Type);
            output.UInt64(offset);
            offset += (ulong)GgufReader.AlignUp((long)tensor.ByteSize, alignment);
        }

        output.PadTo(alignment);
        for (var i = 0; i < tensors.Count; i++)
        {
            var tensor = tensors[i];
            var before = output.Position;
            tensor.WriteData(output.Stream);
            var written = output.Position - before;
            if ((ulong)written != tensor.ByteSize)
            {
                throw new InvalidOperationException($"Tensor '{tensor.Name}' wrote {written} bytes; its shape and type need {tensor.ByteSize}.");
            }
            output.PadTo(alignment);
        }
        stream.Flush();
    }

    private static uint AlignmentOf(IReadOnlyList<KeyValuePair<string, GgufValue>> metadata)
    {
        foreach (var (key, value) in metadata)
        {
            if (key == "general.alignment")
            {
                return value.Value is uint a && a != 0 && (a & (a - 1)) == 0
                    ? a
                    : throw new ArgumentException("general.alignment must be a power-of-two uint32.", nameof(metadata));
            }
        }
        return GgufReader.DefaultAlignment;
    }

    private static void WriteValue(CountingWriter output, GgufValue value)
    {
        if (value.IsArray)
        {
            var array = (Array)value.Value;
            output.UInt32((uint)value.ElementType!.Value);
            output.UInt64((ulong)array.Length);
            foreach (var element in array)
            {
                if (element is GgufValue nested)
                {
                    WriteValue(output, nested);
                }
                else
                {
                    WriteScalar(output, value.ElementType.Value, element!);
                }
            }
            return;
        }
        WriteScalar(output, value.Type, value.Value);
    }

    private static void WriteScalar(CountingWriter output, GgufValueType type, object value)
    {
        switch (type)
        {
            case GgufValueType.UInt8: output.Bytes([(byte)value]); break;
            case GgufValueType.Int8: output.Bytes([unchecked((byte)(sbyte)value)]); break;
            case GgufValueType.Bool: output.Bytes([(bool)value ? (byte)1 : (byte)0]); break;
            case GgufValueType.UInt16: output.UInt16((ushort)value); break;
            case GgufValueType.Int16: output.UInt16(unchecked((ushort)(short)value)); break;
            case GgufValueType.UInt32: output.UInt32((uint)value); break;
            case GgufValueType.Int32: output.UInt32(unchecked((uint)(int)value)); break;
            case GgufValueType.Float32: output.UInt32(BitConverter.SingleToUInt32Bits((float)value)); break;
            case GgufValueType.UInt64: output.UInt64((ulong)value); break;
            case GgufValueType.Int64: output.UInt64(unchecked((ulong)(long)value)); break;
            case GgufValueType.Float64: output.UInt64(BitConverter.DoubleToUInt64Bits((double)value)); break;
            case GgufValueType.String: output.String((string)value); break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, "Not a scalar GGUF type.");
        }
    }

    /// <summary>Little-endian primitives over a stream that counts what passes through it.</summary>
    private sealed class CountingWriter(Stream inner)
    {
        private readonly byte[] _scratch = new byte[8];
        private readonly CountingStream _stream = new(inner);

        /// <summary>Where tensor data callbacks write (counted, so sizes can be checked).</summary>
        public Stream Stream => _stream;

        public long Position => _stream.Count;

        public void Bytes(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

        public void UInt16(ushort value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(_scratch, value);
            Bytes(_scratch.AsSpan(0, 2));
        }

        public void UInt32(uint value)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_scratch, value);
            Bytes(_scratch.AsSpan(0, 4));
        }

        public void UInt64(ulong value)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_scratch, value);
            Bytes(_scratch.AsSpan(0, 8));
        }

        public void String(string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            UInt64((ulong)bytes.Length);
            Bytes(bytes);
        }

        public void PadTo(uint alignment)
        {
            var padding = GgufReader.AlignUp(Position, alignment) - Position;
            if (padding > 0)
            {
                Bytes(new byte[padding]);
            }
        }
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Count;

        public override long Position
        {
            get => Count;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Count += buffer.Length;
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
