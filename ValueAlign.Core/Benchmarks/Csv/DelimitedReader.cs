using System.Text;

namespace ValueAlign.Core.Benchmarks.Csv;

/// <summary>
/// Streams records from CSV (RFC 4180) or TSV text: quoted fields may hold delimiters, doubled
/// quotes and line breaks; lines may end in LF, CRLF or CR; the last line may lack an ending.
/// A BOM is removed by the <see cref="StreamReader"/> the caller passes in.
/// </summary>
/// <remarks>
/// A quote only opens a quoted field at the start of a field. A field like
/// <c>"Bullet for Bullet" is a right policy</c> (quote closed, then more text) is not RFC 4180,
/// but real TSV files contain it; such a field is kept literally, quotes included, rather than
/// rejected. With <c>quoting: false</c> (plain TSV) quotes are never special. With
/// <c>strict: true</c> (files people write for the agreement verb) both cases are errors instead:
/// text after a closing quote, and a quote inside an unquoted field.
/// </remarks>
public sealed class DelimitedReader(TextReader reader, char delimiter, bool quoting = true, bool strict = false)
{
    private readonly char[] _buffer = new char[64 * 1024];
    private int _length;
    private int _position;
    private long _line = 1;
    private readonly StringBuilder _field = new();

    /// <summary>The physical line the reader is on (1-based).</summary>
    public long Line => _line;

    public static char DelimiterFor(string path) =>
        Path.GetExtension(path).Equals(".tsv", StringComparison.OrdinalIgnoreCase) ||
        Path.GetExtension(path).Equals(".tab", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';

    /// <summary>Reads the next record, or null at the end of the text.</summary>
    /// <exception cref="DelimitedFormatException">A quoted field is never closed.</exception>
    public DelimitedRecord? Read()
    {
        if (Peek() < 0)
        {
            return null;
        }
        var start = _line;
        var fields = new List<string>();
        while (true)
        {
            var endOfRecord = ReadField(out var value);
            fields.Add(value);
            if (endOfRecord)
            {
                return new DelimitedRecord(start, fields);
            }
        }
    }

    /// <summary>Reads one field; returns true when it ended the record.</summary>
    private bool ReadField(out string value)
    {
        _field.Clear();
        if (quoting && Peek() == '"')
        {
            var quotedStart = _line;
            Next();
            var raw = new StringBuilder("\"");
            while (true)
            {
                var c = Next();
                if (c < 0)
                {
                    throw new DelimitedFormatException(quotedStart, $"a quoted field is not closed before the end of the file (it opens on line {quotedStart})");
                }
                raw.Append((char)c);
                if (c == '"')
                {
                    if (Peek() == '"')
                    {
                        Next();
                        raw.Append('"');
                        _field.Append('"');
                        continue;
                    }
                    var after = Peek();
                    if (after < 0 || after == delimiter || after == '\n' || after == '\r')
                    {
                        value = _field.ToString();
                        return ConsumeSeparator();
                    }
                    if (strict)
                    {
                        throw new DelimitedFormatException(_line, "text after the closing quote of a field");
                    }
                    // Text after the closing quote: not a quoted field after all, keep it literally.
                    _field.Clear().Append(raw);
                    break;
                }
                if (c == '\n' || (c == '\r' && Peek() != '\n'))
                {
                    _line++;
                }
                _field.Append((char)c);
            }
        }
        while (true)
        {
            var c = Peek();
            if (c < 0 || c == delimiter || c == '\n' || c == '\r')
            {
                value = _field.ToString();
                return ConsumeSeparator();
            }
            if (strict && c == '"')
            {
                throw new DelimitedFormatException(_line, "a double quote inside an unquoted field (quote the whole field and write \"\" for a quote)");
            }
            _field.Append((char)Next());
        }
    }

    /// <summary>Consumes a delimiter (false) or a line ending / end of text (true).</summary>
    private bool ConsumeSeparator()
    {
        var c = Next();
        if (c == delimiter)
        {
            return false;
        }
        if (c == '\r' && Peek() == '\n')
        {
            Next();
        }
        if (c >= 0)
        {
            _line++;
        }
        return true;
    }

    private int Peek()
    {
        if (_position >= _length && !Fill())
        {
            return -1;
        }
        return _buffer[_position];
    }

    private int Next()
    {
        if (_position >= _length && !Fill())
        {
            return -1;
        }
        return _buffer[_position++];
    }

    private bool Fill()
    {
        _length = reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }
}
