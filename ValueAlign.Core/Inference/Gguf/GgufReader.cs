using System.Buffers.Binary;

namespace ValueAlign.Core.Inference.Gguf;

/// <summary>
/// Reads a GGUF file's header, metadata and tensor infos (versions 2 and 3, little-endian)
/// without touching the tensor data. Every problem is a <see cref="GgufFormatException"/>
/// naming the file, the section and the offset.
/// </summary>
public static class GgufReader
{
    public const uint Magic = 0x46554747; // "GGUF" read as a little-endian uint32
    public const uint DefaultAlignment = 32;

    /// <summary>Longest metadata string accepted (chat templates are a few KB; 16 MiB is generous).</summary>
    public const long MaxStringBytes = 16L * 1024 * 1024;

    /// <summary>Longest key accepted (the spec limits keys to 65535 bytes).</summary>
    public const long MaxKeyBytes = 65535;

    /// <summary>
    /// Most elements accepted in one metadata array. Real vocabularies and merge lists stay well
    /// under a million; the cap bounds a fixed-size array to 32 MiB even in a multi-GB file.
    /// </summary>
    public const ulong MaxArrayElements = 4UL * 1024 * 1024;

    /// <summary>ggml's GGML_MAX_DIMS.</summary>
    public const int MaxDimensions = 4;

    /// <summary>Most metadata entries or tensors accepted (real models have a few thousand tensors).</summary>
    public const ulong MaxEntries = 1_000_000;

    private const int MaxArrayNesting = 8;

    public static GgufFileInfo Read(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new GgufFormatException(path, "file not found");
        }
        using (stream)
        {
            return Read(stream, path);
        }
    }

    /// <summary>Reads from a seekable stream positioned at the file start; <paramref name="displayPath"/> names it in errors.</summary>
    public static GgufFileInfo Read(Stream stream, string displayPath)
    {
        if (!stream.CanSeek)
        {
            throw new ArgumentException("GGUF reading needs a seekable stream (its length bounds every length field).", nameof(stream));
        }
        var cursor = new GgufCursor(stream, displayPath);

        ReadMagic(cursor);
        var version = ReadVersion(cursor);

        cursor.Section = "header";
        var tensorCount = cursor.ReadUInt64();
        var metadataCount = cursor.ReadUInt64();
        // Absolute caps only: a truncated file should report where it ends, not a count mismatch.
        if (metadataCount > MaxEntries)
        {
            throw cursor.Error($"metadata key/value count {metadataCount} is out of range (limit {MaxEntries}); the header is corrupt");
        }
        if (tensorCount > MaxEntries)
        {
            throw cursor.Error($"tensor count {tensorCount} is out of range (limit {MaxEntries}); the header is corrupt");
        }

        var metadata = ReadMetadata(cursor, (int)metadataCount);
        var alignment = ReadAlignment(cursor, metadata);
        var tensors = ReadTensorInfos(cursor, (int)tensorCount);

        var dataOffset = AlignUp(cursor.Position, alignment);
        CheckTensorData(cursor, tensors, alignment, dataOffset);

        return new GgufFileInfo(displayPath, version, metadata, tensors, alignment, dataOffset, cursor.Length);
    }

    private static void ReadMagic(GgufCursor cursor)
    {
        if (cursor.Length == 0)
        {
            throw cursor.Error("not a GGUF file: expected magic 'GGUF', found an empty file");
        }
        if (cursor.Length < 4)
        {
            var few = cursor.ReadBytes((int)cursor.Length);
            throw cursor.Error($"not a GGUF file: expected magic 'GGUF', found only {few.Length} byte(s) ({Hex(few)})");
        }
        var magic = cursor.ReadBytes(4);
        if (BinaryPrimitives.ReadUInt32LittleEndian(magic) != Magic)
        {
            throw cursor.Error($"not a GGUF file: expected magic 'GGUF', found {Printable(magic)} ({Hex(magic)})");
        }
    }

    private static uint ReadVersion(GgufCursor cursor)
    {
        cursor.Section = "header (version)";
        var version = cursor.ReadUInt32();
        if (version is 2 or 3)
        {
            return version;
        }
        var swapped = BinaryPrimitives.ReverseEndianness(version);
        if (swapped is 2 or 3)
        {
            throw cursor.Error($"big-endian GGUF (version {swapped} stored byte-swapped) is not supported; only little-endian files are");
        }
        var hint = version == 1 ? " (version 1 is the pre-2023 format; convert the model again with a current llama.cpp)" : "";
        throw cursor.Error($"unsupported GGUF version {version}; this reader supports versions 2 and 3{hint}");
    }

    private static List<KeyValuePair<string, GgufValue>> ReadMetadata(GgufCursor cursor, int count)
    {
        var entries = new List<KeyValuePair<string, GgufValue>>(Math.Min(count, 4096));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            cursor.Section = $"metadata key/value #{i}";
            var key = cursor.ReadString(MaxKeyBytes, "key");
            cursor.Section = $"metadata key/value #{i} ('{key}')";
            if (!seen.Add(key))
            {
                throw cursor.Error($"duplicate metadata key '{key}' at entry #{i}");
            }
            var type = ReadValueType(cursor);
            entries.Add(new(key, ReadValue(cursor, type, depth: 0)));
        }
        return entries;
    }

    private static GgufValueType ReadValueType(GgufCursor cursor)
    {
        var start = cursor.Position;
        var raw = cursor.ReadUInt32();
        var type = (GgufValueType)raw;
        if (!GgufValue.IsKnown(type))
        {
            throw cursor.Error($"unknown metadata value type {raw} at offset {start} in {cursor.Section}");
        }
        return type;
    }

    private static GgufValue ReadValue(GgufCursor cursor, GgufValueType type, int depth) => type switch
    {
        GgufValueType.UInt8 => GgufValue.Scalar(type, cursor.ReadByte()),
        GgufValueType.Int8 => GgufValue.Scalar(type, (sbyte)cursor.ReadByte()),
        GgufValueType.UInt16 => GgufValue.Scalar(type, cursor.ReadUInt16()),
        GgufValueType.Int16 => GgufValue.Scalar(type, (short)cursor.ReadUInt16()),
        GgufValueType.UInt32 => GgufValue.Scalar(type, cursor.ReadUInt32()),
        GgufValueType.Int32 => GgufValue.Scalar(type, (int)cursor.ReadUInt32()),
        GgufValueType.Float32 => GgufValue.Scalar(type, BitConverter.UInt32BitsToSingle(cursor.ReadUInt32())),
        GgufValueType.Bool => GgufValue.Scalar(type, cursor.ReadByte() != 0),
        GgufValueType.String => GgufValue.Scalar(type, cursor.ReadString(MaxStringBytes, "string")),
        GgufValueType.UInt64 => GgufValue.Scalar(type, cursor.ReadUInt64()),
        GgufValueType.Int64 => GgufValue.Scalar(type, (long)cursor.ReadUInt64()),
        GgufValueType.Float64 => GgufValue.Scalar(type, BitConverter.UInt64BitsToDouble(cursor.ReadUInt64())),
        GgufValueType.Array => ReadArray(cursor, depth),
        _ => throw cursor.Error($"unknown metadata value type {(uint)type} in {cursor.Section}"),
    };

    private static GgufValue ReadArray(GgufCursor cursor, int depth)
    {
        if (depth >= MaxArrayNesting)
        {
            throw cursor.Error($"arrays nested deeper than {MaxArrayNesting} levels in {cursor.Section}");
        }
        var elementType = ReadValueType(cursor);
        var start = cursor.Position;
        var count = cursor.ReadUInt64();
        // Strings take at least their 8-byte length, arrays at least 12 bytes (type + count).
        var minElementBytes = GgufValue.FixedSize(elementType) ?? (elementType == GgufValueType.String ? 8 : 12);
        if (count > MaxArrayElements)
        {
            throw cursor.Error($"array length {count} at offset {start} in {cursor.Section} is out of range (limit {MaxArrayElements} elements)");
        }
        if (count * (ulong)minElementBytes > (ulong)cursor.Remaining)
        {
            throw cursor.Error(
                $"truncated in {cursor.Section} at offset {cursor.Position}: an array of {count} {elementType} elements needs at least {count * (ulong)minElementBytes} bytes but the file ends at {cursor.Length} (or its length field is corrupt)");
        }
        var n = (int)count;
        Array values = elementType switch
        {
            GgufValueType.String => ReadStrings(cursor, n),
            GgufValueType.Array => ReadNested(cursor, n, depth),
            _ => ReadFixed(cursor, elementType, n),
        };
        return GgufValue.Array(elementType, values);
    }

    // Strings and nested arrays grow as elements are actually read, so a corrupt count in a
    // large file fails on the first bad element instead of allocating the whole count up front.
    private static string[] ReadStrings(GgufCursor cursor, int count)
    {
        var values = new List<string>(Math.Min(count, 1 << 16));
        for (var i = 0; i < count; i++)
        {
            values.Add(cursor.ReadString(MaxStringBytes, $"string #{i} of array"));
        }
        return values.ToArray();
    }

    private static GgufValue[] ReadNested(GgufCursor cursor, int count, int depth)
    {
        var values = new List<GgufValue>(Math.Min(count, 1 << 16));
        for (var i = 0; i < count; i++)
        {
            values.Add(ReadArray(cursor, depth + 1));
        }
        return values.ToArray();
    }

    private static Array ReadFixed(GgufCursor cursor, GgufValueType type, int count)
    {
        var size = GgufValue.FixedSize(type)!.Value;
        var bytes = cursor.ReadBytes(checked(count * size));
        switch (type)
        {
            case GgufValueType.UInt8: return bytes;
            case GgufValueType.Int8: return Convert(count, i => (sbyte)bytes[i]);
            case GgufValueType.Bool: return Convert(count, i => bytes[i] != 0);
            case GgufValueType.UInt16: return Convert(count, i => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i * 2)));
            case GgufValueType.Int16: return Convert(count, i => BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(i * 2)));
            case GgufValueType.UInt32: return Convert(count, i => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i * 4)));
            case GgufValueType.Int32: return Convert(count, i => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4)));
            case GgufValueType.Float32: return Convert(count, i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4)));
            case GgufValueType.UInt64: return Convert(count, i => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * 8)));
            case GgufValueType.Int64: return Convert(count, i => BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i * 8)));
            case GgufValueType.Float64: return Convert(count, i => BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * 8)));
            default: throw new InvalidOperationException($"{type} is not a fixed-size type.");
        }
    }

    private delegate T ElementAt<T>(int index);

    private static T[] Convert<T>(int count, ElementAt<T> element)
    {
        var values = new T[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = element(i);
        }
        return values;
    }

    private static uint ReadAlignment(GgufCursor cursor, List<KeyValuePair<string, GgufValue>> metadata)
    {
        foreach (var (key, value) in metadata)
        {
            if (key != "general.alignment")
            {
                continue;
            }
            if (value.Value is uint alignment && alignment != 0 && (alignment & (alignment - 1)) == 0)
            {
                return alignment;
            }
            throw cursor.Error($"general.alignment must be a power-of-two uint32, found {value.Type} {value}");
        }
        return DefaultAlignment;
    }

    private static List<GgufTensorInfo> ReadTensorInfos(GgufCursor cursor, int count)
    {
        var tensors = new List<GgufTensorInfo>(Math.Min(count, 4096));
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            cursor.Section = $"tensor info #{i}";
            var name = cursor.ReadString(MaxKeyBytes, "tensor name");
            cursor.Section = $"tensor info #{i} ('{name}')";
            if (!names.Add(name))
            {
                throw cursor.Error($"duplicate tensor name '{name}' at tensor info #{i}");
            }
            var dimensionCount = cursor.ReadUInt32();
            if (dimensionCount > MaxDimensions)
            {
                throw cursor.Error($"tensor '{name}' has {dimensionCount} dimensions; at most {MaxDimensions} are allowed");
            }
            var dimensions = new ulong[dimensionCount];
            for (var d = 0; d < dimensionCount; d++)
            {
                dimensions[d] = cursor.ReadUInt64();
            }
            var type = (GgmlType)cursor.ReadUInt32();
            var offset = cursor.ReadUInt64();
            var tensor = new GgufTensorInfo(name, dimensions, type, offset);
            try
            {
                _ = tensor.ElementCount;
            }
            catch (OverflowException)
            {
                throw cursor.Error($"tensor '{name}' dimensions [{string.Join(", ", dimensions)}] overflow a 64-bit element count");
            }
            tensors.Add(tensor);
        }
        return tensors;
    }

    private static void CheckTensorData(GgufCursor cursor, List<GgufTensorInfo> tensors, uint alignment, long dataOffset)
    {
        cursor.Section = "tensor data";
        var dataBytes = (ulong)Math.Max(0, cursor.Length - dataOffset);
        foreach (var tensor in tensors)
        {
            if (tensor.Offset % alignment != 0)
            {
                throw cursor.Error($"tensor '{tensor.Name}' data offset {tensor.Offset} is not a multiple of the alignment {alignment}");
            }
            if (tensor.ByteSize is not { } size)
            {
                continue; // unknown type: we cannot tell its size, llama.cpp will judge it
            }
            var end = tensor.Offset + size;
            if (end < tensor.Offset || end > dataBytes)
            {
                throw cursor.Error(
                    $"truncated in tensor data: tensor '{tensor.Name}' needs bytes {dataOffset + (long)tensor.Offset}..{(decimal)dataOffset + end} but the file ends at {cursor.Length}");
            }
        }
    }

    internal static long AlignUp(long position, uint alignment) => (position + alignment - 1) / alignment * alignment;

    private static string Hex(byte[] bytes) => "0x" + System.Convert.ToHexString(bytes);

    private static string Printable(byte[] bytes) =>
        "'" + new string(bytes.Select(b => b is >= 0x20 and < 0x7f ? (char)b : '.').ToArray()) + "'";
}
