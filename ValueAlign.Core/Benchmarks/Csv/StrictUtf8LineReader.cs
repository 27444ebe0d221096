using System.Text;

namespace ValueAlign.Core.Benchmarks.Csv;

/// <summary>
/// A <see cref="TextReader"/> over UTF-8 bytes that decodes one physical line at a time and
/// rejects invalid UTF-8 with the exact line number (a plain <see cref="StreamReader"/> decodes
/// whole buffers and can only say roughly where). A leading BOM is skipped. A line longer than
/// <paramref name="maxLineBytes"/> is refused with its number: its bytes are skipped, never held.
/// </summary>
public sealed class StrictUtf8LineReader(Stream stream, long maxLineBytes = StrictUtf8LineReader.DefaultMaxLineBytes) : TextReader
{
    public const long DefaultMaxLineBytes = 64L * 1024 * 1024;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly byte[] _bytes = new byte[64 * 1024];
    private int _byteLength;
    private int _bytePosition;
    private bool _started;
    private string _current = "";
    private int _charPosition;
    private readonly MemoryStream _lineBytes = new();

    /// <summary>Physical lines decoded so far (the line the last character read belongs to).</summary>
    public long LinesRead { get; private set; }

    public override int Peek() => EnsureChars() ? _current[_charPosition] : -1;

    public override int Read() => EnsureChars() ? _current[_charPosition++] : -1;

    public override int Read(char[] buffer, int index, int count)
    {
        if (!EnsureChars())
        {
            return 0;
        }
        var n = Math.Min(count, _current.Length - _charPosition);
        _current.CopyTo(_charPosition, buffer, index, n);
        _charPosition += n;
        return n;
    }

    /// <summary>The next line without its ending, or null at the end.</summary>
    public override string? ReadLine()
    {
        if (!EnsureChars())
        {
            return null;
        }
        var rest = _current[_charPosition..];
        _charPosition = _current.Length;
        return rest.TrimEnd('\n').TrimEnd('\r');
    }

    private bool EnsureChars()
    {
        while (_charPosition >= _current.Length)
        {
            var line = NextLine();
            if (line is null)
            {
                return false;
            }
            _current = line;
            _charPosition = 0;
        }
        return true;
    }

    private string? NextLine()
    {
        _lineBytes.SetLength(0);
        var tooLong = false;
        while (true)
        {
            if (_bytePosition >= _byteLength)
            {
                _byteLength = stream.Read(_bytes, 0, _bytes.Length);
                _bytePosition = 0;
                if (!_started)
                {
                    _started = true;
                    if (_byteLength >= 3 && _bytes[0] == 0xEF && _bytes[1] == 0xBB && _bytes[2] == 0xBF)
                    {
                        _bytePosition = 3;
                    }
                }
                if (_byteLength == 0)
                {
                    return tooLong ? RefuseLongLine() : _lineBytes.Length == 0 ? null : Decode();
                }
            }
            var newline = Array.IndexOf(_bytes, (byte)'\n', _bytePosition, _byteLength - _bytePosition);
            var end = newline < 0 ? _byteLength : newline + 1;
            tooLong = tooLong || _lineBytes.Length + (end - _bytePosition) > maxLineBytes;
            if (tooLong)
            {
                // The rest of an over-long line is read past, not kept.
                _lineBytes.SetLength(0);
            }
            else
            {
                _lineBytes.Write(_bytes, _bytePosition, end - _bytePosition);
            }
            _bytePosition = end;
            if (newline >= 0)
            {
                return tooLong ? RefuseLongLine() : Decode();
            }
        }
    }

    private string RefuseLongLine()
    {
        LinesRead++;
        throw new DelimitedFormatException(LinesRead,
            $"the line is longer than {maxLineBytes / (1024 * 1024.0):0.##} MB (setting Import:MaxLineMB); it was not read");
    }

    private string Decode()
    {
        LinesRead++;
        try
        {
            return Strict.GetString(_lineBytes.GetBuffer(), 0, (int)_lineBytes.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new DelimitedFormatException(LinesRead, "the text is not valid UTF-8");
        }
    }
}
