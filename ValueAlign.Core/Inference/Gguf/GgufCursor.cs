using System.Buffers.Binary;
using System.Text;

namespace ValueAlign.Core.Inference.Gguf;

/// <summary>
/// Little-endian reads from a seekable stream that check, before every read, that the bytes
/// exist. Lengths read from the file are checked against what is left of it, so a corrupt
/// length cannot make us allocate more than the file could hold.
/// </summary>
internal sealed class GgufCursor
{
    private readonly Stream _stream;
    private readonly string _path;
    private readonly byte[] _scratch = new byte[8];

    public GgufCursor(Stream stream, string path)
    {
        _stream = stream;
        _path = path;
        Length = stream.Length;
        Position = stream.Position;
    }

    public long Length { get; }

    public long Position { get; private set; }

    public long Remaining => Length - Position;

    /// <summary>Where we are, for error messages ("metadata key/value #3 ('general.name')").</summary>
    public string Section { get; set; } = "header";

    public GgufFormatException Error(string problem) => new(_path, problem);

    public void Require(long bytes)
    {
        if (bytes > Remaining)
        {
            throw Error($"truncated in {Section} at offset {Position}: needed {bytes} more byte(s) but the file ends at {Length}");
        }
    }

    public byte ReadByte() => Fill(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Fill(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Fill(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Fill(8));

    public byte[] ReadBytes(int count)
    {
        Require(count);
        var buffer = new byte[count];
        _stream.ReadExactly(buffer);
        Position += count;
        return buffer;
    }

    /// <summary>A GGUF string: uint64 byte length then UTF-8 bytes (no terminator).</summary>
    public string ReadString(long maxBytes, string what)
    {
        var start = Position;
        var length = ReadUInt64();
        if (length > (ulong)maxBytes)
        {
            throw Error($"{what} length {length} at offset {start} in {Section} is out of range (limit {maxBytes} bytes)");
        }
        if ((long)length > Remaining)
        {
            throw Error($"truncated in {Section} at offset {Position}: a {what} of {length} bytes runs past the end of the file at {Length} (or its length field is corrupt)");
        }
        return Encoding.UTF8.GetString(ReadBytes((int)length));
    }

    public void Skip(long bytes)
    {
        Require(bytes);
        _stream.Seek(bytes, SeekOrigin.Current);
        Position += bytes;
    }

    private Span<byte> Fill(int count)
    {
        Require(count);
        var span = _scratch.AsSpan(0, count);
        _stream.ReadExactly(span);
        Position += count;
        return span;
    }
}
