using System.Text;

namespace ValueAlign.Core.Annotation.Agreement;

/// <summary>
/// A minimal RFC 4180 reader: comma-separated fields, optional double quotes, "" for a quote inside
/// a quoted field, line breaks (LF or CRLF) inside quoted fields. Each record reports the physical
/// line it starts on so errors can name it. Kept internal to this feature on purpose.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, string source)
{
    private int _line = 1;

    /// <summary>The next record and the line it starts on, or null at the end of the input.</summary>
    public (List<string> Fields, int Line)? Next()
    {
        var first = reader.Peek();
        if (first < 0)
        {
            return null;
        }
        var start = _line;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;      // inside a quoted field
        var wasQuoted = false;   // the current field was quoted (only a separator or line end may follow)
        while (true)
        {
            var ch = reader.Read();
            if (ch < 0)
            {
                if (quoted)
                {
                    throw new AnnotationFileException(source, start, "a quoted field is not closed before the end of the file");
                }
                fields.Add(field.ToString());
                return (fields, start);
            }
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                        wasQuoted = true;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        _line++;
                    }
                    field.Append((char)ch);
                }
                continue;
            }
            switch (ch)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\n':
                    _line++;
                    fields.Add(field.ToString());
                    return (fields, start);
                case '"' when field.Length == 0 && !wasQuoted:
                    quoted = true;
                    break;
                case '"':
                    throw new AnnotationFileException(source, _line, "a double quote inside an unquoted field (quote the whole field and write \"\" for a quote)");
                default:
                    if (wasQuoted)
                    {
                        throw new AnnotationFileException(source, _line, "text after the closing quote of a field");
                    }
                    field.Append((char)ch);
                    break;
            }
        }
    }
}
